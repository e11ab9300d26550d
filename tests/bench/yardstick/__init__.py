"""The load benchmark's yardstick: a minimal Django project, not FraudWatch.

Like the TechEmpower Fortunes test: one query for the twelve rows of a table, a row added
at request time, sorted by message and rendered through one (cached) template, with
Django's default project settings (`startproject`'s apps and middleware, DEBUG off). It
runs in its own gunicorn, with FraudWatch's gunicorn.conf.py, on its own database, so the
pages' ratios to it say what our own code costs over plain Django on the same machine.
load_bench.py (yardstick_server) migrates it and serves it.
"""
