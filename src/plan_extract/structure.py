"""Document structure: metadata, section headings, sentences and their stance.

A report is mostly review (last year's results), then targets and tasks.  A
sentence's default stance comes from its section (review → achieved, plan →
target) or, in texts without headings, from a running state set by cue words
(过去一年 … → review; 今年 / 预期目标 … → plan).  Inside a sentence, 预计
makes the figures after it forecasts; 去年/过去 at the start make it review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import Lexicon
from .normalize import PART_HEADING_WORDS, Normalized

if TYPE_CHECKING:
    import re

    import regex
else:
    from ._rx import re, regex  # the standard modules, compile() reusing earlier runs' work

_SENT_END = regex.compile(r"[。！？!?\n]+")
_HAS_FIGURE = regex.compile(r"[\d零〇一二两三四五六七八九十百千]")
_SOFT_BREAK = regex.compile(r"[，,；;、 ]")
MAX_SENTENCE = 1200
_HEADING = regex.compile(
    r"^[ \t　]*(?:(?P<top>[一二三四五六七八九十]{1,3}[、.．])|(?P<sub>[（(][一二三四五六七八九十]{1,3}[)）])|(?P<part>第[一二三四五六七八九十]{1,3}部分))"
)
# An unnumbered heading line: short, no sentence punctuation, names a part of the report.
_BARE_HEADING = regex.compile(rf"^[ \t　]*[^，,。；;：:！？]{{2,30}}?(?:{PART_HEADING_WORDS})[ \t　]*$")
# the heading of a glossary after the report (名词解释, 注释, 《政府工作报告》有关内容名词注释): its
# entries define terms (“四向八廊”：东南西北4个方向8条走廊) and hold no commitment; an annex
# heading (附件2) ends it
_GLOSSARY_HEADING = regex.compile(
    r"^[ \t　]*(?:附件\d*[ \t　]*)?(?:《[^》\n]{1,20}》)?(?:有关内容|相关)?(?:名词|词语|术语)?(?:解释|注释|注解)[ \t　]*$"
)
_ANNEX_HEADING = regex.compile(r"^[ \t　]*附件[ \t　]*\d*[ \t　]*$")
_YEAR = regex.compile(r"((?:19|20)\d{2})\s*年")
_FYP_IN = regex.compile(r"十[一二三四五六七八九]?五|五年")

_PLAN_YEAR = regex.compile(r"((?:19|20)\d{2})\s*年度?的?(?:国民经济|国民经济和社会发展|经济和社会发展)计划")
_ON_BEHALF = regex.compile(r"我代表(国务院|[\p{Han}]{2,12}?(?:省|自治区|市|区|县|旗|州|盟|镇|乡))(?:(?:人民)?政府)?")
_PLAN_HEADING_YEAR = regex.compile(
    r"(?:^|\n)[^\n，,。]{0,12}?((?:19|20)\d{2})年(?:的)?(?:主要工作|工作安排|工作任务|重点工作|主要任务|工作建议)"
)
_REVIEW_HEADING_YEAR = regex.compile(r"(?:^|\n)[^\n，,。]{0,12}?((?:19|20)\d{2})年[^\n，,。]{0,12}?工作回顾")
_DATE_LINE = regex.compile(r"((?:19|20)\d{2})\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}")
_TITLE = regex.compile(r"((?:19|20)\d{2})年\s*(\S{0,16}?)(?:人民)?政府工作报告")
_FLAT_HEADING = regex.compile(
    r"[ \t　]*[一二三四五六七八九十]{1,2}、[^，,。；;]{0,24}?(?:工作回顾|回顾|主要工作|工作安排|工作任务|总体要求|主要目标|目标任务|预期目标)"
)
_DELIVERED = regex.compile(r"—{1,2}\s*((?:19|20)\d{2})年(\d{1,2})月\d{1,2}日")
_YEAR_IS = regex.compile(r"(?:^|[。\n])\s*((?:19|20)\d{2})年(?:是|，是|,是)")
_TARGET_YEAR = regex.compile(r"((?:19|20)\d{2})年(?:全[省市区县]|全国|我[省市区县]|本[市区县])?(?:经济社会发展|国民经济和社会发展|发展)?的?主要预期目标")

_REVIEW_START = regex.compile(
    r"^(?:过去(?:的)?(?:一|五|十)年|一年来|五年来|过去一年来|去年|上年|刚刚过去的|回顾|\d{4}年以来|这一年|这五年(?!内|计划)|一年多来|几年来|多年来|[两三四]年(?:来|中|以来)|这两年|经核算|初步核算|据初步统计"
    r"|上半年|前三季度|今年以来|1[—\-－~～至]\d{1,2}月|一至[二三四五六七八九十]{1,2}月)"  # (a mid-year report)
)
_FYP_LEAD = regex.compile(r"“?十([一二三四五六七八九])?五”?(?:规划)?(?:时期|期间)")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def fyp_period(ordinal: int) -> str:
    """The years of the Nth five-year plan (the 3rd began in 1966 after the 1963–65 adjustment)."""
    start = 1953 + 5 * (ordinal - 1) if ordinal <= 2 else 1966 + 5 * (ordinal - 3)
    return f"{start}-{start + 4}"


def _fyp_end(m: regex.Match[str]) -> int:
    """The last year of the five-year plan named by a _FYP_LEAD match (十四五 → 2025)."""
    return int(fyp_period(10 + (_CN_DIGIT[m.group(1)] if m.group(1) else 0))[-4:])


_FIELD_LEAD = regex.compile(r"在[^，,。；;：:]{1,10}?(?:领域|方面|工作|战线|上|中)[，,]")
_PLAN_START = regex.compile(
    r"(?:今年|明年|新的一年|今后五年|今后一个时期|未来五年|主要预期目标|主要目标|预期目标|目标是|目标为|工作安排|总体要求|的主要任务|重点抓好|重点做好|要着力|必须|(?<![\p{Han}\d”A-Za-z])计划|(?:今年|明年|年度)计划(?!执行|完成)|计划(?=为|增长|达到|提高|安排|新增|投资|递增|降低|下降|减少|增加|新建|建成)|要求[：:])"  # (863计划开始实施: a programme's name)
)

# Patterns used per candidate, compiled once.
_RX0 = regex.compile(r"\d")
_RX1 = regex.compile(r"国务院|全国|中华人民共和国")
_RX2 = regex.compile(r"省$|自治区$")
_RX3 = regex.compile(r"市$")
_RX4 = regex.compile(r"[区县旗]$")
_RX5 = regex.compile(r"回顾|过去|总结|取得的|成就|成绩|(?:执行|完成|进展)情况|(?:当前|目前|现在)的?\p{Han}{0,4}形势$")  # (当前的经济形势: a review)
# a heading stating results (取得新进展, 成效明显, 步伐加快) and none of intent (力争, 奋力, 要, 将 …)
_RESULT_HEADING = regex.compile(r"取得(?:了)?(?:新|明显|显著|重大|积极|重要)?(?:的)?(?:进展|成效|突破|成果)|新进展|新成效|成效(?:明显|显著)|明显(?:增强|提升|改善|提高)|步伐加快")
_INTENT_HEADING = regex.compile(r"力争|确保|奋力|努力|全力|争取|要|将|推动|加快|坚持|着力推动")
_RX6 = regex.compile(r"目标|任务|安排|要求|工作|建议|计划|政策|今年|明年|努力|坚持|推进|加快|推动|实施|着力|建设|深化|提升|强化|促进|切实")
_RX7 = regex.compile(r"(?:19|20)\d{2}年(?!—)")
_RX8 = regex.compile(r"((?:19|20)\d{2})年")
_RX9 = regex.compile(r"\d{4}年[—\-－至到]")
_FUTURE_LEAD = regex.compile(r"(?:而|并|但)?(?:到|至|在)?((?:19|20)\d{2})年(?![—\-－至到])")
_YEAR_END_MIN = 5  # 明年 this often: a report given at the end of its year
_RX10 = regex.compile(r"(?:今年|明年|下一步|今后|新的一年|未来五年|今后五年)")
# 国内生产总值增长率达到预期目标, 低于13%左右的预期目标: a target met or missed is a result
_MET_BEFORE = regex.compile(r"(?:达到|完成|实现|超过|超额|低于|高于|好于)[^，,。；;]{0,12}$")
_RX11 = regex.compile(r"预期目标(?:是|为|[：:，,])|主要目标是|目标任务是")  # (把年度主要预期目标作为一个整体来把握 is no plan statement)
# 预计 as the verb of an estimate; not 比1980年预计增加… or 由今年预计的44%提高到…, where the
# estimate is the base a target is measured against
_FORECAST_WORD = regex.compile(r"(?<!(?:比|较|由|从|同)(?:(?:19|20)\d{2}年|今年|上年|去年|本年|当年)?)预计")
_RX12 = regex.compile(r"[,，;；]")
# the characters a match of _HEADING, _FLAT_HEADING, _REVIEW_START (besides a digit) and _RX10
# can start with after the spaces: cheap tests before the patterns, per sentence
_NUMERAL_FIRST = frozenset("一二三四五六七八九十")
_HEADING_FIRST = _NUMERAL_FIRST | frozenset("（(第")
_REVIEW_FIRST = frozenset("过一五去上刚回这几多两三四经初据前今")
_RX10_FIRST = frozenset("今明下新未")
_FUTURE_LEAD_FIRST = frozenset("而并但到至在12")  # (what a match of _FUTURE_LEAD starts with)
_DRAFT_PLAN = regex.compile(r"纲要[（(]?草案")
_NEXT_YEAR_WORK = regex.compile(r"(?:19|20)\d{2}年[^，,。\n]{0,8}(?:工作)?(?:打算|安排|思路|要点|计划)")


def announces_next_year(t: str, year: int | None) -> bool:
    """The text opens by announcing next year's work (…2022年总体情况和2023年工作打算): given at the year's end."""
    return year is not None and f"{year + 1}年" in t[:200] and _NEXT_YEAR_WORK.search(t, 0, 200) is not None


def _plan_start(cue: str) -> bool:
    """A sentence opening a plan (今年, 主要目标, 计划…), not one saying a target was met
    (国内生产总值增长率达到预期目标: a result)."""
    pm = _PLAN_START.search(cue[:24])
    return pm is not None and not ("目标" in pm.group(0) and _MET_BEFORE.search(cue, 0, pm.start()))


@dataclass
class Meta:
    year: int | None = None
    region: str | None = None
    level: str | None = None
    title: str | None = None


# (○, a white circle, stands for 〇 in many typeset and OCR'd texts: 一九八○年)
# Scanned over every text twice (metadata, then the normalised text), so written for the stdlib
# engine to skip to candidate characters in C: the first character's class first, the look-behind
# after it (X(?<![A]X) instead of (?<![A])X: the same matches), and regex's \s spelled out (the
# Unicode White_Space characters; re's \s also takes U+001C–U+001F).
_WHITE_SPACE = r"[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_CN_YEAR = re.compile(
    rf"[一二12](?<![零〇○一二两三四五六七八九十百千万亿\d][一二12])[〇○零一二三四五六七八九0-9]{{3}}(?={_WHITE_SPACE}*年)"
)
_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def ascii_years(text: str) -> str:
    """一九五八年 → 1958年, character for character (offsets unchanged), for year cues."""
    if not _CN_YEAR.search(text):
        return text
    return _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_YEAR_DIGITS), text)


def infer_metadata(text: str) -> Meta:
    """Year, title and (when the title says it) region from the opening of a report."""
    text = ascii_years(text[:20000]) + text[20000:]
    head = text[:3000]
    meta = Meta()
    m = _TITLE.search(head)
    if m:
        meta.title = m.group(0).strip()
        meta.year = int(m.group(1))
        reg = m.group(2).strip("“”　 ")
        if reg and not _RX0.search(reg):
            meta.region = reg
    m = _DELIVERED.search(head)
    if m and meta.year is None:
        # a report delivered in November or December is for the next year
        meta.year = int(m.group(1)) + (1 if int(m.group(2)) >= 11 else 0)
    if meta.year is None:
        # 关于2022年…计划执行情况与2023年…计划草案的报告: the later plan
        plan_years = [int(x) for x in _PLAN_YEAR.findall(head)]
        if plan_years:
            meta.year = max(plan_years)
    if meta.year is None:
        # 2023年是…开局之年 (the review) and 2024年是…关键之年 (the plan) both occur: the
        # report is for the later one; so are 2025年主要工作 / 2025年工作安排 headings
        cands = [int(x) for x in _YEAR_IS.findall(text[:30000])]
        cands += [int(x) for x in _PLAN_HEADING_YEAR.findall(text)]
        cands += [int(x) + 1 for x in _REVIEW_HEADING_YEAR.findall(text)]
        m = _TARGET_YEAR.search(text)
        if m:
            cands.append(int(m.group(1)))
        if cands:
            meta.year = max(cands)
    if meta.year is None and "今年" in text:
        # 今年 in a page dated 2024-02-01 (发布时间, 时间, a dateline) means 2024
        m = _DATE_LINE.search(head)
        if m:
            meta.year = int(m.group(1))
    if meta.region is None:
        # 我代表江苏省人民政府 / 我代表国务院 向大会报告政府工作
        m = _ON_BEHALF.search(head)
        if m:
            meta.region = m.group(1)
    if meta.region:
        if _RX1.search(meta.region):
            meta.level = "national"
        elif _RX2.search(meta.region):
            meta.level = "province"
        elif _RX3.search(meta.region):
            meta.level = "city"
        elif _RX4.search(meta.region):
            meta.level = "county"
    return meta


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    section: str | None
    section_mode: str | None  # "review", "plan" or None
    section_fyp: str | None
    stance_default: str
    duplicate: bool
    glossary: bool = False  # an entry of a glossary after the report: no records
    forecast_from: int | None = None  # offset in the sentence after which figures are forecasts
    forecast_to: int | None = None  # … and before which (None: to the end of the sentence)

    def stance_for(self, rel: int) -> str:
        if (
            self.forecast_from is not None
            and rel >= self.forecast_from
            and (self.forecast_to is None or rel < self.forecast_to)
        ):
            return "forecast"
        return self.stance_default


# 国务院总理李克强在政府工作报告中表示，: who said it, in a news report of the report
_REPORTING_FRAME = regex.compile(
    r"[^。！？；;]{0,40}?(?:在[^，,。]{0,24}?(?:报告|讲话|会议)[^，,。]{0,4}?中)?(?:表示|指出|提出|提到|介绍|建议)[，,：:]"
)


def _heading_mode(h: str, year: int | None) -> str | None:
    if _RX5.search(h):
        return "review"
    ys = [int(y) for y in _YEAR.findall(h)]
    if year is not None and ys:
        if max(ys) < year:
            return "review"
        return "plan"
    if _RESULT_HEADING.search(h) and not _INTENT_HEADING.search(h):
        return "review"  # 新福建建设持续取得新进展新成效: a heading that reports results
    if _RX6.search(h):
        return "plan"
    return None


def split_sentences(norm: Normalized, *, year: int | None, lex: Lexicon) -> list[Sentence]:
    t = norm.text
    dups = sorted(norm.duplicate_spans)
    out: list[Sentence] = []
    section: str | None = None
    # modes and five-year-plan hints of the headings at three levels:
    # 0 = unnumbered part headings (2024年工作回顾), 1 = 一、, 2 = （一）
    modes: list[str | None] = [None, None, None]
    fyps: list[str | None] = [None, None, None]
    running: str | None = None  # state for texts without headings
    glossary = False
    para_review = False  # inside a plan section: the paragraph so far reports results
    pos = 0
    di = 0
    n = len(t)
    line_start = True
    # a report given at the year's end (明年的计划…, the national reports of 1979–1981): 今年 is the
    # year under review, its figures results and estimates; the plans are for 明年
    # 经开区2022年经济社会发展总体情况和2023年工作打算: a title that announces next year's work
    # makes the report's own year the one under review
    title_next = announces_next_year(t, year)
    year_end = title_next or t.count("明年") >= _YEAR_END_MIN
    # a sentence opening on one of year_heads is a plan; on a year before review_before, a review
    year_heads: tuple[str, ...] = ()
    review_before = 0
    if year is not None:
        year_heads = (f"{year + 1}年",) if title_next else (f"{year}年", f"{year + 1}年")
        review_before = year + 1 if title_next else year
    mode: str | None = None  # the innermost heading mode and the five-year-plan hint (set at each heading)
    fyp_sec: str | None = None
    while pos < n:
        m = _SENT_END.search(t, pos, min(n, pos + MAX_SENTENCE))
        if m is not None:
            end, nxt = m.start(), m.end()
        elif pos + MAX_SENTENCE >= n:
            end = nxt = n
        else:
            # an over-long "sentence" (lists, tables, garbage): cut at a clause boundary so that
            # the work per quantity stays bounded
            cut = None
            for cut in _SOFT_BREAK.finditer(t, pos + MAX_SENTENCE // 2, pos + MAX_SENTENCE):  # noqa: B007
                pass
            end = nxt = cut.end() if cut is not None else pos + MAX_SENTENCE
        raw = t[pos:end]
        stripped = raw.strip(" \t　")
        if stripped:
            lead = len(raw) - len(raw.lstrip(" \t　"))
            s0 = pos + lead
            # (first-character tests before the patterns: each can only match after these)
            first = stripped[0]
            if line_start and first in "附《名词术注解相有释":
                if _GLOSSARY_HEADING.match(raw):
                    glossary = True
                elif _ANNEX_HEADING.match(raw):
                    glossary = False
            hm = _HEADING.match(raw) if line_start and first in _HEADING_FIRST else None
            if hm is None and not line_start and first in _NUMERAL_FIRST and _FLAT_HEADING.match(raw):
                # flattened PDF text: 。一、2008年以来的工作回顾过去的四年… — a numbered part
                # heading inside a line, recognised by its part words
                hm = _HEADING.match(raw)
            # a bare part heading is a line of its own without a full stop (…确定的主要目标任务。 is prose)
            bare = (
                _BARE_HEADING.match(raw)
                if line_start and hm is None and "\n" in t[end:nxt] + "\n" and not t[end:nxt].startswith(("。", "！", "？"))
                else None
            )
            if hm is not None or bare is not None:
                # a heading: the line (or its first sentence) after 一、 / （一）, or a bare part heading
                h = stripped[:60]
                hmode = _heading_mode(h, year)
                fyp = h if _FYP_IN.search(h) and not _RX7.search(h) else None
                level = 0 if hm is None else 1 if (hm.group("top") or hm.group("part")) else 2
                section = h
                modes[level], fyps[level] = hmode, fyp
                for lv in range(level + 1, 3):
                    modes[lv], fyps[lv] = None, None
                # (modes and fyps hold None or a non-empty string: filter(None, …) skips the Nones, in C;
                # they change only at a heading, so they are read here, not for every sentence)
                mode = next(filter(None, modes), None)
                fyp_sec = next(filter(None, reversed(fyps)), None)
            if hm is not None or bare is not None:
                running = None
            body = stripped
            # 总理在政府工作报告中表示，2021年，…: a news report's frame before what the report says
            cue, cfirst = body, first
            b70 = body[:70]
            if ("表示" in b70 or "指出" in b70 or "提出" in b70 or "提到" in b70 or "介绍" in b70 or "建议" in b70) and (
                rf := _REPORTING_FRAME.match(body)
            ) is not None and rf.end() < len(body):
                cue = body[rf.end() :].lstrip(" ，,")
                cfirst = cue[:1] or first
            if "年" in cue[:8] and _CN_YEAR.search(cue, 0, 8):
                cue = ascii_years(cue[:12]) + cue[12:]  # (而在二00七年，…将达到: years in numerals)
                cfirst = cue[:1]
            review_cue = (cfirst in _REVIEW_FIRST or cfirst.isdigit()) and bool(_REVIEW_START.match(cue))
            if not review_cue and cfirst == "在" and (lm := _FIELD_LEAD.match(cue)) is not None:
                # 在经济领域，过去一年里取得的最重要的成绩…: a review after the field it is about
                review_cue = bool(_REVIEW_START.match(cue[lm.end() :]))
            if year_end and not review_cue and cfirst in "今本" and cue.startswith(("今年", "本年")) and not cue.startswith("今年以后"):
                review_cue = True
            if not review_cue and year is not None and cfirst in "12":
                ym = _RX8.match(cue)
                review_cue = bool(ym and int(ym.group(1)) < review_before and not _RX9.match(cue))
            strong_plan = not review_cue and bool(
                (cfirst in _RX10_FIRST and _RX10.match(cue))
                or (year is not None and cue[:5] in year_heads)
                # 我们编制了“十五五”规划纲要（草案），提交大会审查: the draft plan presented, its goals follow
                or ("草案" in cue and _DRAFT_PLAN.search(cue) is not None)
                or ("目标" in cue[:30] and (tm := _RX11.search(cue[:30])) is not None and not _MET_BEFORE.search(cue, 0, tm.start()))
                # 到1985年，…将比1980年增长22%: a sentence opening on a year to come
                or (year is not None and cfirst in _FUTURE_LEAD_FIRST and (fy := _FUTURE_LEAD.match(cue)) is not None and int(fy.group(1)) > year)
                # “十四五”时期是…(in 2021): a sentence opening on the five-year plan now beginning
                or (year is not None and cfirst in "“十" and (fp := _FYP_LEAD.match(cue)) is not None and _fyp_end(fp) >= year)
            )
            if mode == "review":
                if strong_plan:
                    running = "plan"
                elif review_cue:
                    running = "review"
                eff = "plan" if running == "plan" else "review"
            elif mode == "plan":
                # a paragraph that opens on results (在经济领域，过去一年里…。全国社会总产值达到…)
                # reports results until a sentence of intent
                if line_start:
                    para_review = False
                if review_cue:
                    para_review = True
                elif para_review and (strong_plan or _plan_start(cue)):
                    para_review = False
                eff = "review" if review_cue or para_review else "plan"
            else:
                if review_cue:
                    running = "review"
                elif strong_plan or _plan_start(cue):
                    running = "plan"
                eff = running or "plan"
            default = "achieved" if eff == "review" else "target"
            fm = _FORECAST_WORD.search(body) if "预计" in body else None
            fc = fm.start() if fm else -1
            forecast_from = (lead + fc) if fc >= 0 else None
            forecast_to = None
            if fc >= 0 and default == "target":
                # In a plan, 预计 covers its own clause and the run of clauses after it that
                # carry figures (预计完成地区生产总值992亿元，一般公共预算收入53.5亿元，…);
                # a clause without a figure ends it (预计今年财政收入…增长，…支出规模28.5万亿元
                # is a target).
                pos_c = fc
                while True:
                    cm = _RX12.search(body, pos_c)
                    if cm is None:
                        break
                    if not _HAS_FIGURE.search(body, pos_c, cm.start()):
                        forecast_to = lead + cm.start()
                        break
                    pos_c = cm.end()
            while di < len(dups) and dups[di][1] <= s0:
                di += 1
            dup = di < len(dups) and dups[di][0] <= s0 < dups[di][1]
            # (by position, in the order of the fields: start, end, section, section_mode, section_fyp,
            # stance_default, duplicate, glossary, forecast_from, forecast_to; keywords cost twice as much)
            sent = Sentence(pos, end, section, mode, fyp_sec, default, dup, glossary, forecast_from, forecast_to)
            out.append(sent)
        sep = t[end:nxt]
        line_start = "\n" in sep or (pos == 0 and not out[:-1])
        pos = nxt
    return out
