"""Fill-in letters: signed-in staff download the bundled letters with their unit's name, the
date and a campaign written in, as DOCX or PDF; the library's own copies stay blank."""

import datetime
import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.materials import letters, texts
from campaigns.models import Campaign, MaterialDownload
from tests.conftest import make_material, make_user

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131 Safari/537.36"


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def docx_text(data):
    from docx import Document

    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs)


def pdf_text(data):
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture
def letter(db):
    return make_material(
        slug="letter-to-parents", kind="letter_to_parents", title_zh="致家长的一封信", title_en="A letter to parents"
    )


@pytest.fixture
def commitment(db):
    return make_material(slug="commitment-letter", kind="commitment_letter", title_en="My commitment")


@pytest.fixture
def teacher(county):
    """Staff of East Town Middle School, a school-kind unit."""
    assert county["school_a"].kind.code == "school"
    return make_user("teacher", (county["school_a"], "staff"))


@pytest.fixture
def campaign(county):
    return Campaign.objects.create(
        name_zh="秋季校园反诈月",
        name_en="Autumn school anti-fraud month",
        start=datetime.date(2026, 9, 1),
        end=datetime.date(2026, 11, 30),
        lead_unit=county["bureau"],
    )


def ask(client, material, **query):
    wanted = {"language": "zh", "format": "docx", "date": "2026-09-01", **query}
    return client.get(url("campaigns:material-letter", material.pk), wanted, HTTP_USER_AGENT=BROWSER)


def test_a_fill_in_letter_downloaded_by_school_staff_contains_the_schools_name(
    client, county, teacher, letter, campaign
):
    client.force_login(teacher)

    response = ask(client, letter, unit=county["school_a"].pk, campaign=campaign.pk)

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    # Readable, in Chinese, with the school's name rather than its code (RFC 6266 filename*).
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote(
        "致家长的一封信-东城中学-2026-09-01.docx"
    )
    text = docx_text(response.content)
    assert "请您和东城中学一起做好以下几件事" in text  # the opening
    assert "东城中学（盖章）" in text  # the signature line
    assert "秋季校园反诈月" in text
    assert "2026年9月1日" in text
    assert "{" not in text and "学校（盖章）" not in text
    assert MaterialDownload.objects.get(material=letter).count == 1


def test_the_pdf_carries_the_schools_name_too(client, county, teacher, letter, campaign):
    client.force_login(teacher)

    response = ask(client, letter, unit=county["school_a"].pk, campaign=campaign.pk, format="pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(quote("致家长的一封信-东城中学-2026-09-01.pdf"))
    text = pdf_text(response.content)
    assert "东城中学" in text
    assert "秋季校园反诈月" in text


def test_the_english_commitment_letter_names_unit_campaign_and_date(client, county, teacher, commitment, campaign):
    client.force_login(teacher)

    response = ask(client, commitment, unit=county["school_a"].pk, campaign=campaign.pk, language="en")

    text = docx_text(response.content)
    assert "East Town Middle School · Campaign: Autumn school anti-fraud month" in text
    assert "Date: 1 September 2026" in text


def test_the_campaign_may_be_left_out(client, county, teacher, letter, campaign):
    client.force_login(teacher)

    text = docx_text(ask(client, letter, unit=county["school_a"].pk).content)

    assert "东城中学" in text
    assert "秋季校园反诈月" not in text


def test_another_units_name_is_refused(client, county, teacher, letter):
    client.force_login(teacher)

    response = ask(client, letter, unit=county["school_b"].pk)

    assert response.status_code == 403
    assert "西城小学" not in response.content.decode()
    assert not MaterialDownload.objects.exists()


def test_the_unit_above_ones_own_is_refused_too(client, county, teacher, letter):
    client.force_login(teacher)
    assert ask(client, letter, unit=county["a"].pk).status_code == 403


def test_staff_of_a_station_fill_in_for_a_school_under_it(client, county, staff_a, letter):
    client.force_login(staff_a)
    response = ask(client, letter, unit=county["school_a"].pk)
    assert response.status_code == 200
    assert "东城中学" in docx_text(response.content)


def test_an_administrator_fills_in_any_unit(client, county, administrator, letter):
    client.force_login(administrator)
    response = ask(client, letter, unit=county["school_b"].pk)
    assert "西城小学" in docx_text(response.content)


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"date": "2026-13-01"}, "Enter a valid date."),
        ({"date": ""}, "This field is required."),
        ({"format": "exe"}, "Select a valid choice. exe is not one of the available choices."),
        ({"language": "fr"}, "Select a valid choice. fr is not one of the available choices."),
        ({"unit": "999999"}, "Select a valid choice. That choice is not one of the available choices."),
    ],
)
def test_bad_input_is_a_form_error(client, county, teacher, letter, query, error):
    client.force_login(teacher)

    response = ask(client, letter, **{"unit": county["school_a"].pk, **query})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert error in response.content.decode()
    assert not MaterialDownload.objects.exists()


def test_a_campaign_the_user_cannot_see_is_a_form_error(client, county, teacher, letter, staff_b):
    elsewhere = Campaign.objects.create(
        name_zh="西城专项",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        lead_unit=county["b"],
    )
    client.force_login(teacher)

    response = ask(client, letter, unit=county["school_a"].pk, campaign=elsewhere.pk)

    assert "Select a valid choice." in response.content.decode()
    assert "西城专项" not in response.content.decode()


def test_visitors_are_sent_to_sign_in(client, county, letter):
    response = ask(client, letter, unit=county["school_a"].pk)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_without_a_unit_gets_403(client, county, letter):
    client.force_login(make_user("nobody"))
    assert ask(client, letter, unit=county["school_a"].pk).status_code == 403


def test_other_material_has_no_letter_to_fill_in(client, county, teacher):
    uploaded = make_material(county["school_a"], teacher, slug="our-letter", kind="letter_to_parents")
    poster = make_material(slug="poster-x", kind="poster")
    client.force_login(teacher)
    for material in (uploaded, poster):
        assert ask(client, material, unit=county["school_a"].pk).status_code == 404
        page = client.get(url("materials:detail", material.slug))
        assert "Fill in for your unit" not in page.content.decode()


def test_the_public_page_offers_the_form_to_signed_in_staff_only(client, county, teacher, letter, campaign):
    page = url("materials:detail", letter.slug)
    anonymous = client.get(page).content.decode()
    assert "Fill in for your unit" not in anonymous

    client.force_login(teacher)
    content = client.get(page).content.decode()

    assert "Fill in for your unit" in content
    assert url("campaigns:material-letter", letter.pk) in content
    assert 'method="get"' in content
    assert "东城中学" in content or "East Town Middle School" in content
    assert "Autumn school anti-fraud month" in content
    assert "West Town Primary School" not in content
    assert f'type="date" name="date" value="{timezone.localdate():%Y-%m-%d}"' in content


def test_the_staff_page_offers_the_form_to_administrators(client, county, administrator, letter):
    client.force_login(administrator)
    content = client.get(url("campaigns:material-detail", letter.pk)).content.decode()
    assert "Fill in for your unit" in content
    assert "West Town Primary School" in content


def test_open_campaigns_are_offered_first(client, county, teacher, letter, campaign):
    closed = Campaign.objects.create(
        name_zh="往年活动",
        name_en="An old campaign",
        start=datetime.date(2026, 10, 1),
        end=datetime.date(2026, 10, 31),
        lead_unit=county["bureau"],
        closed_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
    )
    client.force_login(teacher)
    content = client.get(url("materials:detail", letter.slug)).content.decode()
    assert content.index("Autumn school anti-fraud month") < content.index("An old campaign (closed)")
    assert closed.is_closed


@pytest.mark.parametrize(
    ("letter_text", "language", "signature"),
    [
        (texts.LETTER_TO_PARENTS, "zh", "学校（盖章）　　　　年　　月　　日"),
        (texts.LETTER_TO_PARENTS, "en", "School (stamp)            Date:"),
        (texts.COMMITMENT_LETTER, "zh", "承诺人：____________　　　　年　　月　　日"),
        (texts.COMMITMENT_LETTER, "en", "Signed: ____________        Date:"),
    ],
)
def test_the_library_copies_stay_blank_to_fill_in_by_hand(letter_text, language, signature):
    blank = letters.words(letter_text, language)
    assert blank["signature"] == signature
    assert blank["letterhead"] == ""
    assert "{" not in " ".join([blank["greeting"], *blank["paragraphs"], blank["receipt"]])
