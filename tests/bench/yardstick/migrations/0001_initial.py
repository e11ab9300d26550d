from django.db import migrations, models

# Twelve rows, one with markup to escape and some not in English, as in the Fortunes test.
MESSAGES = [
    "A watched kettle never boils.",
    "Measure twice, cut once.",
    "<script>alert('this should be escaped');</script>",
    "A bird in the hand is worth two in the bush.",
    "Fortune favours the prepared mind.",
    "不要把验证码告诉任何人。",
    "The early bird catches the worm.",
    "Slow and steady wins the race.",
    "Après la pluie, le beau temps.",
    "Every cloud has a silver lining.",
    "Many hands make light work.",
    "Look before you leap.",
]


def add_fortunes(apps, schema_editor):
    Fortune = apps.get_model("yardstick", "Fortune")
    Fortune.objects.bulk_create(Fortune(id=number, message=message) for number, message in enumerate(MESSAGES, 1))


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Fortune",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("message", models.CharField(max_length=2048)),
            ],
            options={"db_table": "fortune"},
        ),
        migrations.RunPython(add_fortunes, migrations.RunPython.noop),
    ]
