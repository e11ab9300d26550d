"""The default vocabulary: unit kinds, activity types, audience groups and indicators.
Administrators may add more in the admin; tests put these back after a flush."""

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


ACTIVITY_TYPES = [
    ("school_meeting", "学校大会", "School assembly"),
    ("class_meeting", "主题班会", "Class meeting"),
    ("community_event", "社区活动", "Community event"),
    ("bank_branch_drive", "银行网点宣传", "Bank branch drive"),
    ("street_booth", "街头摆摊宣传", "Street booth"),
    ("lecture_training", "讲座培训", "Lecture or training"),
    ("video_screening", "警示片放映", "Video screening"),
    ("door_to_door", "入户走访", "Door-to-door visits"),
    ("enterprise_visit", "走访企业", "Enterprise visit"),
    ("online_push", "网络推送", "Online push"),
    ("broadcast", "广播宣传", "Broadcast or loudspeaker"),
    ("display_setup", "展板横幅布设", "Boards and banners"),
    ("mail_and_parcel", "寄递渠道宣传", "Mail and parcel channel"),
    ("other", "其他", "Other"),
]

AUDIENCES = [
    ("students", "学生", "Students"),
    ("parents", "家长", "Parents"),
    ("teachers", "教师", "Teachers"),
    ("elderly", "老年人", "Older people"),
    ("residents", "社区居民", "Residents"),
    ("enterprise_staff", "企业职工", "Enterprise staff"),
    ("finance_staff", "财务人员", "Finance staff"),
    ("bank_customers", "银行客户", "Bank customers"),
    ("job_seekers", "求职者", "Job seekers"),
    ("online_shoppers", "网购人群", "Online shoppers"),
    ("general_public", "社会公众", "General public"),
]

# code, names, counting unit (zh, en), description (zh, en)
INDICATORS = [
    ("participants", "现场参与", "In-person participants", "人次", "person-times",
     "到场参加活动的人数，按人次计。", "People attending in person, counted as person-times."),
    ("online_reach", "线上覆盖", "Online reach", "人次", "person-times",
     "通过网络、广播等方式覆盖的人数，与现场参与分开统计。",
     "People reached online or by broadcast; never added to in-person attendance."),
    ("materials", "发放资料", "Materials handed out", "份", "copies",
     "发放的宣传单、手册、告知书、卡片等。", "Leaflets, brochures, letters and cards handed out."),
    ("commitments", "签订承诺书", "Commitment letters signed", "份", "letters",
     "签订的防范电信网络诈骗承诺书。", "Anti-fraud commitment letters signed."),
    ("receipts", "回执收回", "Receipts returned", "份", "receipts",
     "签字后收回的回执。", "Signed receipts returned."),
    ("posts", "发布信息", "Posts published", "篇", "posts",
     "发布的文章、推送、短信等。", "Articles, posts and messages published."),
    ("displays", "展示设施", "Displays set up", "块", "displays",
     "设置的展板、横幅、海报、灯箱、电子屏等。", "Boards, banners, posters, light boxes and screens set up."),
    ("sessions", "开展场次", "Sessions held", "场", "sessions",
     "举办的讲座、放映、宣讲等场次。", "Sessions, screenings or lectures held."),
    ("app_installs", "指导安装反诈App", "Anti-fraud app installs", "人", "people",
     "现场指导下载安装国家反诈中心App的人数。", "People helped to install the National Anti-Fraud Center app."),
    ("warnings", "预警劝阻", "Warnings delivered", "次", "times",
     "对可能受骗群众进行的预警、劝阻次数。", "Warnings or dissuasions delivered to people at risk."),
    ("losses_averted", "避免损失", "Losses averted", "元", "yuan",
     "通过劝阻、止付等避免群众被骗的金额。", "Money kept from fraudsters by warnings and stopped payments."),
]


def add_defaults(apps, schema_editor):
    ActivityType = apps.get_model("campaigns", "ActivityType")
    AudienceGroup = apps.get_model("campaigns", "AudienceGroup")
    Indicator = apps.get_model("campaigns", "Indicator")
    for model, rows in ((ActivityType, ACTIVITY_TYPES), (AudienceGroup, AUDIENCES)):
        for position, (code, name_zh, name_en) in enumerate(rows):
            model.objects.get_or_create(
                code=code, defaults={"name_zh": name_zh, "name_en": name_en, "position": position}
            )
    for position, (code, name_zh, name_en, unit_zh, unit_en, description_zh, description_en) in enumerate(INDICATORS):
        Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name_zh": name_zh,
                "name_en": name_en,
                "unit_zh": unit_zh,
                "unit_en": unit_en,
                "description_zh": description_zh,
                "description_en": description_en,
                "position": position,
            },
        )


def add_kinds(apps, schema_editor):
    UnitKind = apps.get_model("campaigns", "UnitKind")
    for position, (code, name_zh, name_en) in enumerate(KINDS):
        UnitKind.objects.get_or_create(code=code, defaults={"name_zh": name_zh, "name_en": name_en, "position": position})



def add_all(apps, schema_editor):
    add_kinds(apps, schema_editor)
    add_defaults(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]
    operations = [migrations.RunPython(add_all, migrations.RunPython.noop)]
