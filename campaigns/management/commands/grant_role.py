from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Membership, OrgUnit


class Command(BaseCommand):
    help = "Give a user a role on an organisation unit (it covers the unit's whole subtree)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("org_code")
        parser.add_argument("role", choices=[role.value for role in Membership.Role])

    def handle(self, *args, username, org_code, role, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        unit = OrgUnit.objects.filter(code=org_code).first()
        if unit is None:
            raise CommandError(f"No organisation unit with code {org_code!r}.")
        membership, created = Membership.objects.update_or_create(user=user, unit=unit, defaults={"role": role})
        verb = "granted" if created else "set"
        self.stdout.write(f"{username}: {membership.get_role_display()} on {unit.code} {unit.name_zh} ({verb}).")
