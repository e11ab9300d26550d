"""A demo county for `make run`: invented units, people and a year of activities.

Idempotent: if the demo county exists, nothing is added. Every name is invented.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from campaigns import demo_pages, demo_quizzes
from campaigns.models import Membership, OrgUnit, UnitKind
from campaigns.reports import summary_tables
from scams.models import ScamType

from .models import (
    QR_SCANS,
    Activity,
    ActivityEvent,
    ActivityType,
    AudienceGroup,
    Campaign,
    CampaignTarget,
    CaseStat,
    Figure,
    Indicator,
    Kit,
    KitScan,
    Material,
)

DEMO_PASSWORD = "FraudWatch-demo-2026"  # noqa: S105 -- published on purpose; load_demo refuses without DEBUG
ROOT_CODE = "demo-county"

# code, Chinese name, English name, kind, parent code
UNITS = [
    (ROOT_CODE, "青禾县公安局", "Qinghe County Public Security Bureau", "bureau", None),
    ("qh-east", "东关镇", "Dongguan Town", "town", ROOT_CODE),
    ("qh-west", "西岭镇", "Xiling Town", "town", ROOT_CODE),
    ("qh-river", "河湾街道", "Hewan Street", "town", ROOT_CODE),
    ("ps-east", "东关派出所", "Dongguan Police Station", "police_station", "qh-east"),
    ("ps-west", "西岭派出所", "Xiling Police Station", "police_station", "qh-west"),
    ("ps-river", "河湾派出所", "Hewan Police Station", "police_station", "qh-river"),
    ("cm-east-1", "东关社区", "Dongguan Community", "community", "ps-east"),
    ("cm-east-2", "新村社区", "Xincun Community", "community", "ps-east"),
    ("vl-east-1", "柳树村", "Liushu Village", "village", "ps-east"),
    ("vl-east-2", "杏花村", "Xinghua Village", "village", "ps-east"),
    ("sc-east-1", "东关中学", "Dongguan Middle School", "school", "ps-east"),
    ("sc-east-2", "东关中心小学", "Dongguan Central Primary School", "school", "ps-east"),
    ("bk-east-1", "东关营业网点", "Dongguan Bank Branch", "bank_branch", "ps-east"),
    ("cm-west-1", "西岭社区", "Xiling Community", "community", "ps-west"),
    ("vl-west-1", "石桥村", "Shiqiao Village", "village", "ps-west"),
    ("vl-west-2", "松坡村", "Songpo Village", "village", "ps-west"),
    ("vl-west-3", "南岗村", "Nangang Village", "village", "ps-west"),
    ("sc-west-1", "西岭中学", "Xiling Middle School", "school", "ps-west"),
    ("en-west-1", "西岭食品厂", "Xiling Food Factory", "enterprise", "ps-west"),
    ("cm-river-1", "滨河社区", "Binhe Community", "community", "ps-river"),
    ("cm-river-2", "望江社区", "Wangjiang Community", "community", "ps-river"),
    ("cm-river-3", "桂园社区", "Guiyuan Community", "community", "ps-river"),
    ("sc-river-1", "县第一中学", "County No. 1 High School", "school", "ps-river"),
    ("sc-river-2", "县职业技术学校", "County Vocational School", "school", "ps-river"),
    ("sc-river-3", "河湾小学", "Hewan Primary School", "school", "ps-river"),
    ("bk-river-1", "河湾营业网点", "Hewan Bank Branch", "bank_branch", "ps-river"),
    ("bk-river-2", "滨河营业网点", "Binhe Bank Branch", "bank_branch", "ps-river"),
    ("en-river-1", "河湾物流园", "Hewan Logistics Park", "enterprise", "ps-river"),
    ("en-river-2", "望江电子厂", "Wangjiang Electronics Plant", "enterprise", "ps-river"),
]

# username, role, unit code (None: administrator)
USERS = [
    ("demo-admin", None, None),
    ("demo-reviewer", Membership.Role.REVIEWER, ROOT_CODE),
    ("demo-staff", Membership.Role.STAFF, "ps-east"),
    ("demo-school", Membership.Role.STAFF, "sc-river-1"),
]

# What each kind of unit typically does, and with which figures.
TYPICAL = {
    "school": ["class_meeting", "school_meeting", "video_screening", "online_push"],
    "community": ["community_event", "door_to_door", "display_setup", "broadcast"],
    "village": ["broadcast", "door_to_door", "display_setup"],
    "bank_branch": ["bank_branch_drive", "display_setup"],
    "enterprise": ["enterprise_visit", "lecture_training"],
    "police_station": ["street_booth", "lecture_training", "online_push", "mail_and_parcel"],
    "town": ["street_booth", "community_event"],
}
TITLES = {
    "class_meeting": ("“守好钱袋子”反诈主题班会", "Class meeting: guard your savings"),
    "school_meeting": ("防范电信诈骗全校大会", "School assembly on telecom fraud"),
    "video_screening": ("反诈警示片放映", "Screening of an anti-fraud film"),
    "online_push": ("微信公众号反诈推送", "Anti-fraud post on the WeChat account"),
    "community_event": ("社区反诈宣传进广场", "Anti-fraud event in the community square"),
    "door_to_door": ("入户发放防骗告知书", "Door-to-door anti-fraud letters"),
    "display_setup": ("更新反诈宣传展板", "New anti-fraud display boards"),
    "broadcast": ("大喇叭巡回播放防骗提醒", "Loudspeaker patrol with fraud warnings"),
    "bank_branch_drive": ("网点厅堂反诈提示", "Anti-fraud tips in the branch hall"),
    "enterprise_visit": ("走访企业财务人员", "Visit to company finance staff"),
    "lecture_training": ("防范电信网络诈骗讲座", "Lecture on telecom and online fraud"),
    "street_booth": ("集市反诈咨询台", "Anti-fraud booth at the market"),
    "mail_and_parcel": ("快递包裹加贴反诈提示", "Fraud warnings stuck on parcels"),
}


# Residents of the towns, for the reports' case rates per 10,000 residents.
POPULATIONS = {"qh-east": 52000, "qh-west": 31000, "qh-river": 78000}
# Scam types with invented monthly case figures at the police stations.
CASE_TYPES = ["order-brushing", "game-trading", "fake-recruitment", "police-impersonation", "pension-investment"]
CASE_MONTHS = 24


def exists():
    return OrgUnit.objects.filter(code=ROOT_CODE).exists()


@transaction.atomic
def load(seed=2026, activities=200, today=None):
    """Create the demo county; returns False (and does nothing) if it is already there."""
    if exists():
        return False
    rng = random.Random(seed)  # noqa: S311 -- repeatable demo data, not secrets
    today = today or timezone.localdate()
    units = _units()
    users = _users(units)
    campaign = _campaign(units[ROOT_CODE], today)
    _activities(rng, units, users, campaign, activities, today)
    _cases(rng, units, users["demo-reviewer"], today)
    _kit(rng, campaign, units, today)
    demo_quizzes.load(rng, campaign, units, users, today)
    demo_pages.load(rng, units, users, today, scam_slugs=CASE_TYPES)
    return True


def _units():
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    units = {}
    for code, name_zh, name_en, kind, parent in UNITS:
        fields = {"code": code, "name_zh": name_zh, "name_en": name_en, "kind": kinds[kind]}
        if parent is None:
            units[code] = OrgUnit.objects.add_root(create_kwargs=fields)
        else:
            units[parent].refresh_from_db()
            units[code] = OrgUnit.objects.add_child(units[parent], create_kwargs=fields)
    return units


def _cases(rng, units, importer, today):
    """Two years of invented case figures for the police stations, so that the report's
    cases-and-outreach section and its year-on-year comparison have something to show."""
    for code, population in POPULATIONS.items():
        OrgUnit.objects.filter(pk=units[code].pk).update(population=population)
    scams = list(ScamType.objects.filter(slug__in=CASE_TYPES).order_by("slug"))
    stations = [unit for unit in units.values() if unit.kind.code == "police_station"]
    first = today.replace(day=1)
    months = [first]
    while len(months) < CASE_MONTHS:
        months.append((months[-1] - datetime.timedelta(days=1)).replace(day=1))
    stats = []
    for month in months:
        for station in stations:
            for scam in scams:
                cases = rng.randint(0, 4)
                stats.append(
                    CaseStat(
                        unit=station,
                        month=month,
                        scam_type=scam,
                        cases=cases,
                        losses=cases * rng.randint(2000, 40000),
                        imported_by=importer,
                    )
                )
    CaseStat.objects.bulk_create(stats)


def _users(units):
    User = get_user_model()
    users = {}
    for username, role, unit_code in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            if role is None:
                user = User.objects.create_superuser(username, f"{username}@example.invalid", DEMO_PASSWORD)
            else:
                user = User.objects.create_user(username, f"{username}@example.invalid", DEMO_PASSWORD)
        if role is not None:
            Membership.objects.get_or_create(user=user, unit=units[unit_code], defaults={"role": role})
        users[username] = user
    return users


def _campaign(lead_unit, today):
    start = today.replace(day=1) - datetime.timedelta(days=60)
    campaign = Campaign.objects.create(
        name_zh="识骗护家 邻里同行",
        name_en="Spot the Scam, Guard the Home: Neighbours Together",
        slogan_zh="不听、不信、不转账",
        slogan_en="Don't listen, don't believe, don't transfer",
        start=start.replace(day=1),
        end=(today + datetime.timedelta(days=30)),
        lead_unit=lead_unit,
        description_zh="全县集中开展反诈宣传，进校园、进社区、进农村、进企业、进网点。",
        description_en="A county-wide drive taking fraud prevention into schools, communities, villages, "
        "companies and bank branches.",
    )
    campaign.scam_types.set(
        ScamType.objects.filter(slug__in=["order-brushing", "police-impersonation", "pension-investment"])
    )
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    targets = (
        ("participants", 20000),
        ("materials", 30000),
        ("commitments", 5000),
        ("app_installs", 3000),
        (QR_SCANS, 1500),
    )
    for code, value in targets:
        if code in indicators:
            CampaignTarget.objects.create(campaign=campaign, indicator=indicators[code], value=value)
    return campaign


# The starter material in the demo campaign's kit (load_materials loads it; without it the
# kit holds the scam types only).
KIT_MATERIAL = [
    "letter-to-parents",
    "commitment-letter",
    "poster-order-brushing",
    "poster-police-impersonation",
    "poster-pension-investment",
    "broadcast-pension-investment",
    "banner-slogans",
    "class-meeting-slides",
]


def _kit(rng, campaign, units, today):
    """The campaign's kit, a code for every unit (all of them take part), and a few weeks of
    invented scans."""
    kit = Kit.objects.create(
        campaign=campaign,
        intro_zh="本资料包供全县各单位打印张贴、发放。扫码可查看常见骗局、宣传资料和防骗热线。",
        intro_en="Every unit in the county prints and hands out this kit. Scan the code for common scams, "
        "material to share and the fraud hotlines.",
    )
    kit.materials.set(Material.objects.published().filter(slug__in=KIT_MATERIAL))
    kit.scam_types.set(campaign.scam_types.all())
    for unit in units.values():
        code = kit.code_for(unit)
        if unit.kind.code == "bureau":
            continue
        for days_ago in range(1, 22):
            day = today - datetime.timedelta(days=days_ago)
            if day >= campaign.start and rng.random() < 0.6:
                KitScan.objects.create(code=code, day=day, count=rng.randint(1, 12))


def _activities(rng, units, users, campaign, count, today):
    types = {choice.code: choice for choice in ActivityType.objects.all()}
    audiences = {choice.code: choice for choice in AudienceGroup.objects.all()}
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    scams = list(ScamType.objects.published())
    loggers = [unit for unit in units.values() if unit.kind.code != "bureau"]
    weights = [4 if unit.kind.code in ("school", "police_station") else 1 for unit in loggers]
    staff, reviewer = users["demo-staff"], users["demo-reviewer"]
    created = []
    for _ in range(count):
        unit = rng.choices(loggers, weights)[0]
        type_code = rng.choice(TYPICAL[unit.kind.code])
        date = today - datetime.timedelta(days=int(rng.triangular(0, 365, 30)))
        status = rng.choices(
            [Activity.Status.APPROVED, Activity.Status.SUBMITTED, Activity.Status.DRAFT, Activity.Status.RETURNED],
            [80, 10, 7, 3],
        )[0]
        title_zh, _title_en = TITLES[type_code]
        activity = Activity(
            unit=unit,
            activity_type=types[type_code],
            campaign=campaign if campaign.start <= date <= campaign.end else None,
            title=f"{unit.name_zh}{title_zh}",
            date=date,
            location=unit.name_zh,
            status=status,
            created_by=staff,
            updated_by=staff,
            reviewed_by=reviewer if status in (Activity.Status.APPROVED, Activity.Status.RETURNED) else None,
            reviewed_at=timezone.now() if status in (Activity.Status.APPROVED, Activity.Status.RETURNED) else None,
            return_reason="请补充签到表照片。" if status == Activity.Status.RETURNED else "",
        )
        created.append((activity, _figures(rng, type_code, indicators), _audiences(rng, unit, audiences)))
    Activity.objects.bulk_create([activity for activity, _, _ in created])
    figures, audience_links, scam_links, events = [], [], [], []
    Through = Activity.audiences.through
    ScamThrough = Activity.scam_types.through
    for activity, values, groups in created:
        figures.extend(Figure(activity=activity, indicator=indicator, value=value) for indicator, value in values)
        audience_links.extend(Through(activity=activity, audiencegroup=group) for group in groups)
        scam_links.extend(
            ScamThrough(activity=activity, scamtype=scam) for scam in rng.sample(scams, k=rng.randint(1, 4))
        )
        events.append(ActivityEvent(activity=activity, actor=staff, action=ActivityEvent.Action.CREATED))
    Figure.objects.bulk_create(figures)
    Through.objects.bulk_create(audience_links)
    ScamThrough.objects.bulk_create(scam_links)
    ActivityEvent.objects.bulk_create(events)
    summary_tables.added([activity.pk for activity, _, _ in created])


def _figures(rng, type_code, indicators):
    online = type_code in ("online_push", "broadcast")
    values = {}
    if online:
        values["online_reach"] = rng.randint(300, 6000)
        values["posts"] = rng.randint(1, 3)
    else:
        values["participants"] = rng.randint(20, 400)
        values["materials"] = rng.randint(20, 600)
        values["sessions"] = 1
        if type_code in ("class_meeting", "school_meeting"):
            values["commitments"] = rng.randint(20, 300)
            values["receipts"] = rng.randint(10, values["commitments"])
        if rng.random() < 0.5:
            values["app_installs"] = rng.randint(5, 120)
        if type_code in ("bank_branch_drive", "street_booth") and rng.random() < 0.3:
            values["warnings"] = rng.randint(1, 6)
            values["losses_averted"] = rng.randint(1, 40) * 1000
    if type_code == "display_setup":
        values["displays"] = rng.randint(2, 20)
    return [(indicators[code], value) for code, value in values.items()]


def _audiences(rng, unit, audiences):
    by_kind = {
        "school": ["students", "parents", "teachers"],
        "community": ["residents", "elderly"],
        "village": ["residents", "elderly"],
        "bank_branch": ["bank_customers", "elderly"],
        "enterprise": ["enterprise_staff", "finance_staff"],
        "police_station": ["general_public", "elderly", "job_seekers", "online_shoppers"],
        "town": ["general_public", "residents"],
    }[unit.kind.code]
    return [audiences[code] for code in rng.sample(by_kind, k=rng.randint(1, len(by_kind)))]


# Alerts residents see on the alerts page and in the feed, and one waiting for review.
# (title_zh, title_en, body_zh, body_en, unit code, days shown from/to, approved, scam type)
