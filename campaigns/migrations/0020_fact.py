"""The leaf facts (campaigns.reports.fact_table): the table, made by SQL of its own
(Django does not make partitioned tables), then every summary computed anew, which also
trims the rollups to the ancestors they now keep."""

from django.db import migrations, models


def create(apps, schema_editor):
    from campaigns.reports import fact_table

    for statement in fact_table.create_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    from campaigns.reports import fact_table

    for statement in fact_table.drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def fill(apps, schema_editor):
    """This calls the application's rebuild rather than a frozen copy, as 0008 did."""
    from campaigns.reports import summary_rebuild

    summary_rebuild.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0019_review_steps"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Fact",
                    fields=[
                        ("pk", models.CompositePrimaryKey("activity", "indicator", blank=True, editable=False, primary_key=True, serialize=False)),
                        ("total", models.BigIntegerField()),
                        ("activity", models.IntegerField(db_column="activity_id")),
                        ("day", models.DateField()),
                        ("l2", models.IntegerField()),
                        ("l3", models.IntegerField()),
                        ("l4", models.IntegerField()),
                        ("l5", models.IntegerField()),
                        ("l6", models.IntegerField()),
                        ("l7", models.IntegerField()),
                        ("campaign", models.IntegerField()),
                        ("indicator", models.IntegerField()),
                        ("activity_type", models.SmallIntegerField()),
                        ("status", models.SmallIntegerField()),
                        ("audiences", models.TextField(null=True)),
                        ("scam_types", models.TextField(null=True)),
                    ],
                    options={
                        "verbose_name": "leaf fact",
                        "verbose_name_plural": "leaf facts",
                        "ordering": ["activity", "indicator"],
                    },
                ),
            ],
            database_operations=[migrations.RunPython(create, drop)],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
