"""Write the Traditional Chinese interface catalogue from the Simplified one.

locale/zh_Hant is generated, never edited: every translation in locale/zh_Hans goes
through the same OpenCC conversion as the catalogue's texts (fraudwatch.core.bilingual), with
the same reviewed fixes (fraudwatch.core.traditional_fixes).
`make messages` runs this after updating zh_Hans; a test fails when the two disagree.
polib is a development tool, as GNU gettext is for the Simplified catalogue.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from fraudwatch.core.bilingual import TO_TRADITIONAL, to_traditional

HEADER = (
    "Traditional Chinese translation of the FraudWatch interface, generated from\n"
    f"zh_Hans by OpenCC ({TO_TRADITIONAL}) and fraudwatch/core/traditional_fixes.py. Do not edit:\n"
    "change zh_Hans (or the fixes) and run `make messages`."
)


# The templates' and code's messages, and the admin scripts' (locale/zh_Hans/LC_MESSAGES/djangojs.po).
DOMAINS = ("django", "djangojs")


def catalogue_path(locale, domain="django"):
    return settings.LOCALE_PATHS[0] / locale / "LC_MESSAGES" / f"{domain}.po"


def traditional_catalogue(simplified_path):
    """The Simplified catalogue at `simplified_path` with every translation converted."""
    import polib

    catalogue = polib.pofile(str(simplified_path), wrapwidth=0)
    catalogue.header = HEADER
    catalogue.metadata["Language"] = "zh_Hant"
    for entry in catalogue:
        entry.msgstr = to_traditional(entry.msgstr)
        entry.msgstr_plural = {index: to_traditional(text) for index, text in entry.msgstr_plural.items()}
    return catalogue


class Command(BaseCommand):
    help = "Write locale/zh_Hant (.po and .mo) from locale/zh_Hans, converted by OpenCC."

    def handle(self, *args, **options):
        for domain in DOMAINS:
            source = catalogue_path("zh_Hans", domain)
            if not source.exists():
                continue
            target = catalogue_path("zh_Hant", domain)
            target.parent.mkdir(parents=True, exist_ok=True)
            catalogue = traditional_catalogue(source)
            catalogue.save(str(target))
            catalogue.save_as_mofile(str(target.with_suffix(".mo")))
            self.stdout.write(f"Wrote {target} and its .mo: {len(catalogue)} messages.")
