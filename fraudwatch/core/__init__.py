"""Helpers both apps share (languages, page cache, daily counters, clients, forms,
uploads, the shared file cache, translated history). They import neither app nor the
composer."""
