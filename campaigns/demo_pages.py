"""What the demo county (campaigns.demo) shows on its pages besides the figures: public
alerts, a station officer's work in progress, a message a resident shared from the
checker, and "I got this too" counts. Every name and text is invented."""

import datetime

from django.utils import timezone

from scams.models import ScamType, SharedMessage, Sighting

from .models import Activity, Alert, Material, MaterialKind, Notification


def load(rng, units, users, today, scam_slugs):
    """Add them all; `scam_slugs` are the five scam types met most, most first."""
    _alerts(units, users, today)
    _work_in_progress(units, users)
    _shared_message()
    _sightings(rng, today, scam_slugs)


ALERTS = [
    (
        "近期多发冒充“客服”退款诈骗",
        "Fake “customer service” refund calls are rising",
        "有人自称网购平台客服，说您的商品有质量问题要退款，让您下载会议软件、共享屏幕。"
        "真正的客服不会让您共享屏幕或转账。接到这类电话请挂断，拨打96110咨询。",
        "Callers claim to be shop customer service offering a refund, then ask you to install a meeting app "
        "and share your screen. Real customer service never asks for that or for a transfer. Hang up and call 96110.",
        "ps-east",
        (-3, 14),
        True,
        "order-brushing",
    ),
    (
        "提醒老年人：警惕“高息养老”投资",
        "For older residents: beware of “high-interest pension” schemes",
        "河湾一带有人以养老项目、保健品推介会为名，许诺高额回报，骗取老人积蓄。"
        "投资前请和子女商量，或到银行网点、派出所咨询。",
        "Around Hewan, people are selling “pension projects” at health-product talks, promising high returns "
        "to take older people's savings. Talk to your family, a bank branch or the police station first.",
        "ps-river",
        (-6, 24),
        True,
        "pension-investment",
    ),
    (
        "开学季谨防“游戏账号交易”诈骗",
        "New term: watch out for game-account trading scams",
        "有学生在社交平台买卖游戏账号、皮肤时被骗。请提醒孩子不要私下交易，不要扫陌生人发的付款码。",
        "Pupils have been cheated buying and selling game accounts and skins on social apps. Remind children "
        "not to trade privately or scan payment codes from strangers.",
        "sc-river-1",
        (0, 20),
        False,
        "game-trading",
    ),
]


def _alerts(units, users, today):
    reviewer = users["demo-reviewer"]
    for title_zh, title_en, body_zh, body_en, unit_code, (first, last), approved, scam in ALERTS:
        author = users["demo-school"] if unit_code == "sc-river-1" else users["demo-staff"]
        alert = Alert.objects.create(
            unit=units[unit_code],
            title_zh=title_zh,
            title_en=title_en,
            body_zh=body_zh,
            body_en=body_en,
            start=today + datetime.timedelta(days=first),
            end=today + datetime.timedelta(days=last),
            status=Alert.Status.APPROVED if approved else Alert.Status.SUBMITTED,
            created_by=author,
            updated_by=author,
            reviewed_by=reviewer if approved else None,
            reviewed_at=timezone.now() if approved else None,
        )
        alert.authors.add(author)
        alert.scam_types.set(ScamType.objects.filter(slug=scam))


def _work_in_progress(units, users):
    """What a station officer finds on their pages: material of their own not yet published,
    one returned with a reason, and the notice of an activity returned to them."""
    staff = users["demo-staff"]
    kinds = {kind.code: kind for kind in MaterialKind.objects.all()}
    poster = kinds.get("poster") or next(iter(kinds.values()), None)
    if poster is not None:
        for slug, title_zh, title_en, status, reason in [
            ("demo-east-market-poster", "东关集市反诈海报（草稿）", "Dongguan market poster (draft)", "draft", ""),
            (
                "demo-east-bank-leaflet",
                "东关网点防骗提示",
                "Dongguan bank branch tips",
                "returned",
                "请把咨询电话改为96110，并删去真实的个人手机号。",
            ),
        ]:
            Material.objects.create(
                slug=slug,
                kind=poster,
                title_zh=title_zh,
                title_en=title_en,
                unit=units["ps-east"],
                created_by=staff,
                status=status,
                return_reason=reason,
            )
    mine = Activity.objects.filter(created_by=staff).order_by("-date", "-pk")
    returned = mine.filter(status=Activity.Status.RETURNED).first()
    approved = mine.filter(status=Activity.Status.APPROVED).first()
    if returned is not None:
        Notification.objects.create(user=staff, kind=Notification.Kind.RETURNED, activity=returned)
    if approved is not None:
        Notification.objects.create(user=staff, kind=Notification.Kind.APPROVED, activity=approved)


def _shared_message():
    """A message a resident shared from the checker, waiting for staff in the admin."""
    SharedMessage.objects.create(
        text="【快递理赔】您的包裹已丢失，请添加客服QQ 1234****，按提示操作领取三倍赔偿。",
        language="zh-hans",
        matched=ScamType.objects.filter(slug="order-brushing").first(),
    )


def _sightings(rng, today, scam_slugs, days=56):
    """ "I got this too" counts for the last eight weeks: the home page's "met most this week"
    and the reviewers' sightings page."""
    weights = dict(zip(scam_slugs, [9, 5, 4, 3, 2], strict=True))
    scams = ScamType.objects.published().filter(slug__in=weights)
    Sighting.objects.bulk_create(
        Sighting(scam_type=scam, day=today - datetime.timedelta(days=back), count=rng.randint(0, weights[scam.slug]))
        for scam in scams
        for back in range(days)
    )
