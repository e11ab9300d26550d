"""People read a unit's name, never its code: no staff page, download name, e-mail or
notification shows the code of a unit whose code is nothing like its name. The code
stays where a person types it (imports, the admin's search)."""

import datetime
import re
from urllib.parse import quote, unquote

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from campaigns import notifications
from campaigns.models import Campaign, Kit, Notification
from tests.conftest import make_activity, make_alert, make_material, make_unit, make_user

CODE = "sc-east-1"
NAME = "东关中学"


def url(name, *args, language="zh-hans"):
    with translation.override(language):
        return reverse(name, args=args)


def visible_text_of(client, page):
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    return visible_text(response)


def visible_text(response):
    assert response.status_code == 200, response.status_code
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def school(county):
    return make_unit(CODE, county["a"], kind="school", name_zh=NAME, name_en="Dongguan Middle School")


@pytest.fixture
def world(school, county, reviewer):
    teacher = make_user("teacher", (school, "staff"), email="teacher@example.org")
    drive = Campaign.objects.create(
        name_zh="秋季校园反诈月",
        name_en="Autumn school drive",
        start=timezone.localdate() - datetime.timedelta(days=5),
        end=timezone.localdate() + datetime.timedelta(days=20),
        lead_unit=county["a"],
    )
    Kit.objects.create(campaign=drive)
    draft = make_activity(school, teacher, title="班会", campaign=drive)
    submitted = make_activity(school, teacher, title="家长会", status="submitted")
    returned = make_activity(school, teacher, title="讲座", status="returned", return_reason="请补充人数")
    alert = make_alert(school, teacher, status="approved", title_zh="校园提醒", title_en="School alert")
    material = make_material(school, teacher, status="draft", title_zh="校园海报")
    letter = make_material(slug="letter-to-parents", kind="letter_to_parents", title_zh="致家长的一封信")
    return {
        "teacher": teacher,
        "reviewer": reviewer,
        "campaign": drive,
        "draft": draft,
        "submitted": submitted,
        "returned": returned,
        "alert": alert,
        "material": material,
        "letter": letter,
    }


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_no_staff_page_shows_the_units_code(client, world, language):
    client.force_login(world["teacher"])
    pages = [
        url("campaigns:my-work", language=language),
        url("campaigns:activity-list", language=language),
        url("campaigns:activity-new", language=language),
        url("campaigns:activity-detail", world["draft"].pk, language=language),
        url("campaigns:activity-edit", world["draft"].pk, language=language),
        url("campaigns:activity-detail", world["returned"].pk, language=language),
        url("campaigns:campaign-list", language=language),
        url("campaigns:campaign-detail", world["campaign"].pk, language=language),
        url("campaigns:alert-list", language=language),
        url("campaigns:alert-detail", world["alert"].pk, language=language),
        url("campaigns:alert-new", language=language),
        url("campaigns:material-list", language=language),
        url("campaigns:material-detail", world["material"].pk, language=language),
        url("campaigns:material-new", language=language),
        url("campaigns:notifications", language=language),
        url("reports:report", language=language),
    ]
    shown = {page: visible_text_of(client, page) for page in pages}
    name = NAME if language == "zh-hans" else "Dongguan Middle School"
    assert name in shown[url("campaigns:activity-detail", world["draft"].pk, language=language)]
    assert [page for page, text in shown.items() if CODE in text] == []


def test_the_reviewers_pages_name_the_unit(client, world):
    client.force_login(world["reviewer"])
    text = visible_text_of(client, url("campaigns:review"))
    assert NAME in text and CODE not in text
    for page in [url("reports:report"), url("campaigns:activity-list")]:
        assert CODE not in visible_text_of(client, page), page


def test_downloads_are_named_with_the_units_name(client, world):
    client.force_login(world["teacher"])
    letter = client.get(
        url("campaigns:material-letter", world["letter"].pk),
        {"unit": world["teacher"].memberships.get().unit_id, "language": "zh", "format": "pdf", "date": "2026-11-18"},
    )
    assert letter.status_code == 200
    disposition = letter["Content-Disposition"]
    assert disposition == "attachment; filename*=utf-8''" + quote("致家长的一封信-东关中学-2026-11-18.pdf")
    kit = client.post(url("campaigns:kit-pdf", world["campaign"].pk, CODE, "zh-hans"), follow=True)
    assert kit.status_code == 200
    assert unquote(kit["Content-Disposition"]).endswith("秋季校园反诈月-东关中学-活动资料包.pdf")
    for response in (letter, kit):
        assert CODE not in unquote(response["Content-Disposition"])


def test_e_mails_and_notifications_name_the_unit(client, world, settings):
    settings.EMAIL_ENABLED = True
    world["reviewer"].email = "reviewer@example.org"
    world["reviewer"].save()
    teacher = world["teacher"]
    notifications.notify(teacher, Notification.Kind.RETURNED, world["returned"])
    notifications.notify(teacher, Notification.Kind.APPROVED, world["submitted"])
    make_activity(
        world["draft"].unit,
        teacher,
        title="久等的活动",
        status="submitted",
        updated_at=timezone.now() - datetime.timedelta(days=9),
    )
    assert notifications.remind_reviewers(days=3) >= 1
    for notification in Notification.objects.all():
        notifications.send_email(notification.pk)
    assert len(mail.outbox) == Notification.objects.count() >= 3
    for message in mail.outbox:
        assert CODE not in message.subject and CODE not in message.body
    assert any(NAME in message.body for message in mail.outbox)
    for user in (teacher, world["reviewer"]):
        client.force_login(user)
        text = visible_text(client.get(url("campaigns:notifications")))
        assert "久等的活动" in text or "讲座" in text
        assert CODE not in text
