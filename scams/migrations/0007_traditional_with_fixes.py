from django.db import migrations


def regenerate(apps, schema_editor):
    """The catalogue's stored Traditional text again, now with the reviewed fixes for
    OpenCC's wrong picks (fraudwatch.core.traditional_fixes), as a save would make it."""
    from fraudwatch.core.bilingual import traditional_of

    for name in ("Category", "Tag", "ScamType", "CaseStory"):
        model = apps.get_model("scams", name)
        for row in model.objects.all():
            model.objects.filter(pk=row.pk).update(traditional=traditional_of(row))


class Migration(migrations.Migration):
    dependencies = [
        ("scams", "0006_stored_traditional"),
    ]

    operations = [
        migrations.RunPython(regenerate, migrations.RunPython.noop),
    ]
