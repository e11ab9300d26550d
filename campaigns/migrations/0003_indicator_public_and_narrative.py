"""Indicators say whether the public home page shows them and how the report's
summary words them, so that nothing in the code is keyed to the default codes."""

from django.db import migrations, models

import campaigns.choices

# The indicators the home page showed before it read them from the database.
PUBLIC = ["participants", "online_reach", "materials", "commitments", "app_installs"]

# How the report's summary worded the default indicators: code, Chinese, English.
WORDING = [
    ("participants", "现场参与{n}人次", "{n} person-times attended in person"),
    (
        "online_reach",
        "线上覆盖{n}人次（与现场参与分别统计，未相加）",
        "{n} person-times were reached online or by broadcast (counted apart from in-person attendance, "
        "never added to it)",
    ),
    ("materials", "发放宣传资料{n}份", "{n} leaflets, brochures and letters were handed out"),
    ("commitments", "签订承诺书{n}份", "{n} commitment letters were signed"),
    ("receipts", "收回回执{n}份", "{n} signed receipts came back"),
    ("posts", "发布宣传信息{n}篇", "{n} posts and messages were published"),
    ("displays", "设置展板横幅等{n}块", "{n} boards, banners and screens were set up"),
    ("sessions", "举办讲座、放映等{n}场", "{n} sessions, lectures and screenings were held"),
    ("app_installs", "指导安装国家反诈中心App{n}人", "{n} people were helped to install the anti-fraud app"),
    ("warnings", "开展预警劝阻{n}次", "{n} warnings were given to people at risk"),
    ("losses_averted", "避免群众损失{n}元", "losses of {n} yuan were averted"),
]


def describe_defaults(apps, schema_editor):
    """Mark the default public indicators and word the default ones; tests call this
    again after a flush, as they call 0002's add_all."""
    Indicator = apps.get_model("campaigns", "Indicator")
    Indicator.objects.filter(code__in=PUBLIC).update(public=True)
    for code, narrative_zh, narrative_en in WORDING:
        Indicator.objects.filter(code=code, narrative_zh="", narrative_en="").update(
            narrative_zh=narrative_zh, narrative_en=narrative_en
        )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_default_vocabulary")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="public",
            field=models.BooleanField(
                default=False,
                help_text="Its total for the year so far is shown to everyone on the home page.",
                verbose_name="on the public home page",
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="narrative_zh",
            field=models.CharField(
                blank=True,
                help_text="{n} stands for the number, e.g. 现场参与{n}人次. Left empty: the name, the number and the unit.",
                max_length=120,
                validators=[campaigns.choices.mentions_the_number],
                verbose_name="wording in the report summary (Chinese)",
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="narrative_en",
            field=models.CharField(
                blank=True,
                help_text="{n} stands for the number, e.g. {n} person-times attended in person. "
                "Left empty: “name” came to {n} units.",
                max_length=200,
                validators=[campaigns.choices.mentions_the_number],
                verbose_name="wording in the report summary (English)",
            ),
        ),
        migrations.RunPython(describe_defaults, migrations.RunPython.noop),
    ]
