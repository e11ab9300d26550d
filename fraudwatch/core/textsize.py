"""The large-text setting: a cookie this browser keeps, read on every page.

The page itself is rendered with the setting (a class on <html>), so it works
without JavaScript; the public page cache keys on it (see pagecache)."""

COOKIE = "fw_text"
LARGE = "large"
NORMAL = "normal"
MAX_AGE = 365 * 24 * 60 * 60  # a year


def is_large(request):
    return request.COOKIES.get(COOKIE) == LARGE


def remember(response, large, *, secure):
    if large:
        response.set_cookie(COOKIE, LARGE, max_age=MAX_AGE, samesite="Lax", secure=secure, httponly=True)
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
