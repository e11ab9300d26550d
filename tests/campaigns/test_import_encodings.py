"""Imports read a file in UTF-8 (with or without its mark) or GBK, and refuse one that
mixes the two, or holds bytes valid in neither, naming the lines."""

import pytest
from django.utils import translation

from campaigns.importing import import_activities
from campaigns.models import Activity
from tests.campaigns.test_import_bounds import DAY, problems


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def utf8_line(title):
    return f"{DAY},station-a,class_meeting,{title}\r\n".encode()


def gbk_line(title):
    return f"{DAY},station-a,class_meeting,{title}\r\n".encode("gbk")


class TestEncodings:
    @pytest.mark.parametrize(
        ("data", "title"),
        [
            (b"date,org_unit,activity_type,title\r\n" + utf8_line("反诈宣传"), "反诈宣传"),
            (b"\xef\xbb\xbfdate,org_unit,activity_type,title\r\n" + utf8_line("带标记"), "带标记"),
            (b"date,org_unit,activity_type,title\r\n" + gbk_line("国标编码") + gbk_line("第二行"), "国标编码"),
        ],
        ids=["utf-8", "utf-8 with BOM", "gbk"],
    )
    def test_a_file_in_one_encoding_is_read(self, staff_a, data, title):
        report = import_activities(data, "one.csv", staff_a)

        assert report.ok, report.errors
        assert Activity.objects.filter(title=title).exists()

    @pytest.mark.parametrize(
        ("lines", "utf8", "not_utf8"),
        [((utf8_line("统一码"), gbk_line("国标码")), 2, 3), ((gbk_line("国标码"), utf8_line("统一码")), 3, 2)],
        ids=["utf-8 then gbk", "gbk then utf-8"],
    )
    def test_a_file_mixing_utf8_and_gbk_lines_is_refused_naming_the_lines(self, staff_a, lines, utf8, not_utf8):
        data = b"date,org_unit,activity_type,title\r\n" + b"".join(lines)

        report = import_activities(data, "mixed.csv", staff_a)

        assert problems(report) == [(0, "")]
        assert report.errors[0].message == (
            f"the file mixes text encodings: line {utf8} is UTF-8 but line {not_utf8} is not; "
            "save the whole file again as UTF-8"
        )
        assert not Activity.objects.exists()

    def test_gbk_text_that_happens_to_look_like_utf8_in_one_short_line_is_still_read(self, staff_a):
        # "一" in GBK is D2 BB, which is also valid UTF-8 (a two-byte letter): not a sign of mixing.
        data = b"date,org_unit,activity_type,title\r\n" + gbk_line("一") + gbk_line("二三")

        report = import_activities(data, "gbk.csv", staff_a)

        assert report.ok, report.errors
        assert set(Activity.objects.values_list("title", flat=True)) == {"一", "二三"}

    def test_bytes_valid_in_neither_encoding_are_refused_naming_the_line(self, staff_a):
        data = b"date,org_unit,activity_type,title\r\n" + utf8_line("ok")[:-2] + b"\xff\r\n"

        report = import_activities(data, "broken.csv", staff_a)

        assert report.errors[0].message == "line 2 is neither UTF-8 nor GBK/GB18030 text; save the file as UTF-8"
