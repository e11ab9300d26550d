from django.db import migrations

KINDS = [
    ("bureau", "公安局", "Public security bureau"),
    ("town", "乡镇街道", "Town or street office"),
    ("police_station", "派出所", "Police station"),
    ("community", "社区", "Community"),
    ("village", "村", "Village"),
    ("school", "学校", "School"),
    ("bank_branch", "银行网点", "Bank branch"),
    ("enterprise", "企业", "Enterprise"),
    ("other", "其他", "Other"),
]


def add_kinds(apps, schema_editor):
    UnitKind = apps.get_model("organisations", "UnitKind")
    for position, (code, name_zh, name_en) in enumerate(KINDS):
        UnitKind.objects.get_or_create(code=code, defaults={"name_zh": name_zh, "name_en": name_en, "position": position})


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
