from django.core.management.base import BaseCommand, CommandError

from scams import catalogue


class Command(BaseCommand):
    help = (
        "Load the bundled scam-type catalogue. Idempotent: creates what is missing, updates types whose "
        "bundled text changed, and keeps every type an administrator has edited."
    )

    def handle(self, *args, **options):
        try:
            result = catalogue.load()
        except catalogue.CatalogueError as error:
            raise CommandError("The bundled catalogue has problems:\n" + "\n".join(error.problems)) from None
        self.stdout.write(
            f"Catalogue: {len(result.created)} created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged, {len(result.kept)} kept as edited in the admin; "
            f"{result.vocabulary_created} categories and tags created; "
            f"{result.synonyms_created} synonym groups created, {result.synonyms_updated} updated; "
            f"{result.questions_created} quiz questions created, {result.questions_updated} updated, "
            f"{result.questions_kept} kept as edited in the admin."
        )
        for slug in result.kept:
            self.stdout.write(f"  kept admin edits: {slug}")
