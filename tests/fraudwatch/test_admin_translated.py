"""The admin speaks Chinese throughout, third-party apps included: django-axes' and
django-tasks' app, model and field names, Django's own labels its catalogue lacks, and
the filter widgets' help, which comes from the admin's script catalogue."""

import json
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.urls import reverse

SIMPLIFIED = {"accept-language": "zh-CN,zh;q=0.9"}
TRADITIONAL = {"accept-language": "zh-TW,zh;q=0.9"}


@pytest.fixture
def signed_in(client, administrator):
    client.force_login(administrator)
    request = {"user_agent": "Firefox", "ip_address": "127.0.0.9", "username": "someone", "http_accept": "*/*"}
    AccessAttempt.objects.create(
        **request, path_info="/admin/login/", get_data="", post_data="", failures_since_start=2
    )
    AccessLog.objects.create(**request, path_info="/admin/login/")
    AccessFailureLog.objects.create(**request, path_info="/admin/login/", locked_out=False)
    return client


def visible_text(response):
    """The page's text as a reader sees it: no markup, scripts or styles; one space between words."""
    assert response.status_code == 200
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_admin_index_names_every_app_and_model_in_chinese(signed_in):
    text = visible_text(signed_in.get(reverse("admin:index"), headers=SIMPLIFIED))
    for english in ["Axes", "Access attempts", "Access failures", "Access logs", "Tasks Database Backend"]:
        assert english not in text
    for english in ["Task Results", "Material downloads", "Model name", "Add link"]:
        assert english not in text
    for chinese in ["登录尝试", "登录失败记录", "登录日志", "后台任务", "任务结果", "资料下载次数", "模型名称"]:
        assert chinese in text


def test_the_traditional_admin_index_has_no_english_names_either(signed_in):
    text = visible_text(signed_in.get(reverse("admin:index"), headers=TRADITIONAL))
    assert "Axes" not in text and "Access attempts" not in text and "Task Results" not in text
    assert "後臺任務" in text or "後台任務" in text


@pytest.mark.parametrize(
    ("model", "english", "chinese"),
    [
        (
            "accessattempt",
            ["Attempt Time", "IP Address", "User Agent", "Username", "Failed Logins", "Status", "Locked Out"],
            # No status column: axes shows it only for a fixed AXES_FAILURE_LIMIT, and ours
            # depends on the address's other failures (fraudwatch.accounts.failure_limit).
            ["尝试时间", "IP 地址", "浏览器标识", "用户名", "失败次数", "以 路径"],
        ),
        ("accesslog", ["Attempt Time", "Logout Time", "Path"], ["尝试时间", "退出时间", "路径"]),
        ("accessfailurelog", ["Attempt Time", "Access lock out"], ["尝试时间", "已锁定"]),
    ],
)
def test_the_axes_changelists_label_their_columns_and_filters_in_chinese(signed_in, model, english, chinese):
    text = visible_text(signed_in.get(reverse(f"admin:axes_{model}_changelist"), headers=SIMPLIFIED))
    for label in english:
        assert label not in text
    for label in chinese:
        assert label in text


def test_an_access_attempt_shows_its_sections_and_fields_in_chinese(signed_in):
    attempt = AccessAttempt.objects.get()
    text = visible_text(
        signed_in.get(reverse("admin:axes_accessattempt_change", args=[attempt.pk]), headers=SIMPLIFIED)
    )
    for english in ["Form Data", "Meta Data", "GET Data", "POST Data", "HTTP Accept", "Failed Logins"]:
        assert english not in text
    for chinese in ["表单数据", "请求信息", "GET 数据", "失败次数", "浏览器接受的内容类型"]:
        assert chinese in text


def test_the_filter_widgets_help_is_in_chinese(signed_in, administrator):
    page = visible_text(signed_in.get(reverse("admin:auth_user_change", args=[administrator.pk]), headers=SIMPLIFIED))
    assert "Hold down" not in page and "按住 Control 键" in page
    # The two-list widget writes its help from the admin's script catalogue.
    script = signed_in.get(reverse("admin:jsi18n"), headers=SIMPLIFIED).content.decode()
    for chinese in ["选中要添加的%s，然后点击“选择”箭头按钮。", "选择全部%s", "移除全部%s", "（点击清除）"]:
        assert json.dumps(chinese) in script
