"""The generated work report (工作汇报): a few paragraphs written from the figures.

Chinese and English are written separately rather than translated phrase by phrase,
because the two languages build these sentences differently. Every number comes from
the same Report rows the tables show. Each indicator is worded as its administrators
wrote it (Indicator.narrative_zh / narrative_en), so one they add is mentioned too.
"""

from django.utils.translation import get_language

from campaigns.models import percent_done
from fraudwatch.core.bilingual import ENGLISH, as_shown, is_english, text_in


def number(value):
    return f"{value:,}"


def quote_zh(names):
    """Names as a Chinese list shows them. A name holding the list separator 、
    (游戏币、装备、账号交易诈骗) would read as several names, so then every name is quoted."""
    names = [str(name) for name in names]
    if any("、" in name for name in names):
        return [f"“{name}”" for name in names]
    return names


def join_zh(names):
    return "、".join(quote_zh(names))


def join_en(names):
    """Names in an English list: commas and "and", or semicolons when a name has a comma."""
    names = [str(name) for name in names]
    if len(names) <= 1:
        return "".join(names)
    if any("," in name for name in names):
        return "; ".join(names[:-1]) + "; and " + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def paragraphs(report, language=None, cases=None):
    """The summary's paragraphs; given the cases section, one more on cases and outreach."""
    language = language or get_language()
    if is_english(language):
        return _english(report) + (_cases_en(cases) if cases is not None and cases.any else [])
    paragraphs = _chinese(report) + (_cases_zh(cases) if cases is not None and cases.any else [])
    return [as_shown(paragraph, language) for paragraph in paragraphs]


def _cases_zh(cases):
    text = (
        f"同期共发生电信网络诈骗案件{number(cases.total_cases)}起，造成损失{number(cases.total_losses)}元"
        "（案件数据单独统计，不计入宣传数据）。"
    )
    if cases.next_units:
        text += f"案件多而宣传覆盖相对少的单位是{join_zh(row.unit.name_zh for row in cases.next_units)}"
        text += "；" if cases.next_scam_types else "。"
    if cases.next_scam_types:
        text += f"案件多而宣传相对少的诈骗类型是{join_zh(row.scam.name_zh for row in cases.next_scam_types)}。"
    if cases.next_units or cases.next_scam_types:
        text += "建议下一阶段向这些单位和类型倾斜宣传力量。"
    return [text]


def _cases_en(cases):
    text = (
        f"In the same months {number(cases.total_cases)} fraud {_plural(cases.total_cases, 'case was', 'cases were')} "
        f"filed, with losses of {number(cases.total_losses)} yuan (counted apart, never added to the outreach "
        "figures)."
    )
    if cases.next_units:
        names = join_en(text_in(row.unit, "name", ENGLISH) for row in cases.next_units)
        text += f" The units with the most cases for their outreach: {names}."
    if cases.next_scam_types:
        names = join_en(text_in(row.scam, "name", ENGLISH) for row in cases.next_scam_types)
        text += f" The scam types with the most cases for their outreach: {names}."
    if cases.next_units or cases.next_scam_types:
        text += " Outreach should go there next."
    return [text]


def reach(indicator, value, language):
    """How the summary says `value` of `indicator`: its own wording, else a plain one
    built from its name and counting unit."""
    if is_english(language):
        name = text_in(indicator, "name", ENGLISH)
        wording = indicator.narrative_en or f"“{name}” came to {{n}} {indicator.unit_en}"
    else:
        wording = indicator.narrative_zh or f"{indicator.name_zh}{{n}}{indicator.unit_zh}"
    return wording.replace("{n}", number(value))


def _reach(report, language):
    """The reach phrases of the indicators that have a figure, in the administrators' order."""
    return [
        reach(indicator, report.total.values[indicator.code], language)
        for indicator in report.indicators
        if report.total.values.get(indicator.code)
    ]


def _zh_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def _scope_zh(report):
    unit = report.filters.unit
    return f"{unit.name_zh}及其下属单位" if unit else "全部单位"


def _scope_en(report):
    unit = report.filters.unit
    return f"{text_in(unit, 'name', ENGLISH)} and the units under it" if unit else "the whole organisation"


def _chinese(report):
    filters, total = report.filters, report.total
    period = f"{_zh_date(filters.start)}至{_zh_date(filters.end)}"
    counted = "已审核通过及待审核" if filters.include_submitted else "已审核通过"
    if not total.activities:
        return [f"{period}，{_scope_zh(report)}没有{counted}的反诈宣传活动记录。"]

    units = [row for row in report.breakdowns["org_unit"].rows if not row.own]
    level = "下一级单位" if filters.unit else "一级单位"
    types = report.breakdowns["activity_type"].top()
    kinds = "、".join(
        f"{name}{number(row.activities)}场"
        for name, row in zip(quote_zh(row.label.name_zh for row in types), types, strict=True)
    )
    first = (
        f"{period}，{_scope_zh(report)}共开展反诈宣传活动{number(total.activities)}场"
        f"（统计{counted}的活动），有活动记录的{level}{number(len(units))}个"
        + (f"，其中{kinds}" if kinds else "")
        + "。"
    )

    phrases = _reach(report, "zh-hans")
    second = ("活动中，" + "，".join(phrases) + "。") if phrases else "这些活动尚未登记覆盖数据。"

    scams = report.breakdowns["scam_type"].top()
    uncovered = report.uncovered
    third = ""
    if scams:
        third = (
            "宣传涉及最多的诈骗类型是"
            + "、".join(
                f"{name}（{number(row.activities)}场）"
                for name, row in zip(quote_zh(row.label.name_zh for row in scams), scams, strict=True)
            )
            + "。"
        )
    if uncovered:
        names = join_zh(scam.name_zh for scam in uncovered[:5])
        more = f"等{number(len(uncovered))}种" if len(uncovered) > 5 else ""
        third += f"{names}{more}尚未涉及，建议下一阶段补上。"
    else:
        third += "诈骗类型库中的所有类型均已涉及。"

    result = [first, second, third]
    for progress in report.campaigns:
        parts = [
            f"{indicator.name_zh}完成{number(done)}{indicator.unit_zh}，为目标{number(target)}{indicator.unit_zh}的"
            f"{percent_done(done, target)}%"
            for indicator, target, done in progress.targets
        ]
        if parts:
            result.append(f"“{progress.campaign.name_zh}”专项行动中，" + "；".join(parts) + "。")
    return result


def _english(report):
    filters, total = report.filters, report.total
    period = f"From {filters.start:%-d %B %Y} to {filters.end:%-d %B %Y}"
    counted = "approved or awaiting review" if filters.include_submitted else "approved"
    if not total.activities:
        return [f"{period}, {_scope_en(report)} recorded no {counted} anti-fraud outreach activities."]

    units = [row for row in report.breakdowns["org_unit"].rows if not row.own]
    level = "direct sub-unit" if filters.unit else "top-level unit"
    types = report.breakdowns["activity_type"].top()
    kinds = _join_en(f"{number(row.activities)} of type “{row.label.name_en}”" for row in types)
    first = (
        f"{period}, {_scope_en(report)} held {number(total.activities)} anti-fraud outreach "
        f"{_plural(total.activities, 'activity', 'activities')} (counting {counted} activities), "
        f"with activities recorded in {number(len(units))} {_plural(len(units), level, level + 's')}"
        + (f", including {kinds}" if kinds else "")
        + "."
    )

    phrases = _reach(report, "en")
    second = ("In these activities " + _join_en(phrases) + ".") if phrases else "No reach figures were recorded."

    scams = report.breakdowns["scam_type"].top()
    uncovered = report.uncovered
    third = ""
    if scams:
        third = (
            "The scam types covered most were "
            + _join_en(
                f"{row.label.name_en} ({number(row.activities)} {_plural(row.activities, 'activity', 'activities')})"
                for row in scams
            )
            + ". "
        )
    if uncovered:
        names = _join_en(scam.name_en for scam in uncovered[:5])
        more = f" ({number(len(uncovered))} types in all)" if len(uncovered) > 5 else ""
        third += f"Not yet covered: {names}{more}; these deserve attention next."
    else:
        third += "Every type in the scam catalogue was covered."

    result = [first, second, third.strip()]
    for progress in report.campaigns:
        parts = [
            f"{indicator.name_en.lower()} reached {number(done)} of the {number(target)} {indicator.unit_en} targeted "
            f"({percent_done(done, target)}%)"
            for indicator, target, done in progress.targets
        ]
        if parts:
            name = text_in(progress.campaign, "name", ENGLISH)
            result.append(f"In the “{name}” campaign, " + "; ".join(parts) + ".")
    return result


def _plural(count, one, many):
    return one if count == 1 else many


def _join_en(items):
    return join_en(items)
