"""Quantity expressions: number (Arabic, full-width, Chinese), range, unit, comparator.

Works on the *normalised* text (see :mod:`plan_extract.normalize`); offsets are
mapped back to the original by the caller.  One compiled pattern finds every
candidate; :func:`find_quantities` then filters out numbers that are parts of
names, dates and capacities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ._rx import compile_scanner
from .lexicon import Lexicon, _alternation
from .numerals import DIGIT_VALUES, parse_number

if TYPE_CHECKING:
    import re

    import regex
else:
    from ._rx import re, regex  # the standard modules, compile() reusing earlier runs' work

CN_DIGITS = "零〇○一二两三四五六七八九十百千万亿"
# Possessive quantifiers and look-behinds keep matching linear on long digit runs
# (no backtracking into a number, no retry from inside one).
# 千 before 瓦/米/克 starts the unit (八十万千瓦 is 80 万千瓦, not 80.1 万瓦)
_CN_NUM = rf"(?<![{CN_DIGITS}])(?:[零〇○一二两三四五六七八九十百万亿]|千(?![瓦米克]))++(?:[点點][零〇一二三四五六七八九]++)?"
# 4。6% (OCR of a decimal point) is read as 4.6 only right before a percent sign
_AR_NUM = r"(?<![\d.])(?<!\d,)(?:\d{1,3}(?:,\d{3}){1,8}+(?![\d,])(?:\.\d++)?|\d++。\d++(?=[%‰])|\d++(?:\.\d++)?)"
_MULT = r"千万|百万|万亿|万万|亿|万|千|百"
_MULT_NUM = r"千万|百万|万亿|万万|亿|万|千(?![瓦米克])|百"

# Patterns used per candidate, compiled once.
_RX0 = regex.compile(r"[万亿][^万亿]")
_PER_EACH = regex.compile(r"每[个一]?[^，,。；;\d]{1,8}(?:配备|配建|建设|建成|拥有|设立|建立|有)$")
_ALT_UNIT = regex.compile(r"[（(](\p{Han})[)）]")
_FACILITY_LAST = frozenset("院校园馆站构")  # 养老院, 学校, 幼儿园, 文化馆, 卫生站, 养老机构
_CAPACITY_UNITS = frozenset({"吨", "兆瓦", "千瓦", "吉瓦", "千伏"})
_PROJECT_AFTER = regex.compile(r"(?!的)\p{Han}{1,10}?等?(?:项目|电站|装置|工程|基地)")
_CAPACITY_NOUNS = ("产能", "生产能力", "能力", "产量", "规模")
_PARTS_AFTER = regex.compile(r"(?:领域|方面|阶段|步骤|层次|板块|类别|片区|组)")
_RANK_BEFORE = regex.compile(r"(?:排名|排行|位列|排在|居)\p{Han}{0,3}前$")
_HAN_PAIR = regex.compile(r"\p{Han}{2}")
_RX1 = regex.compile(r"(?:建|增|完成|改造|建设|新建|扩建|创建|打造|培育|达|等)$")  # (…学校等10所: a count)


@dataclass(frozen=True)
class Quantity:
    start: int  # normalised offsets of the whole expression (comparators included)
    end: int
    num_start: int
    value: float | None
    value_max: float | None
    unit: str | None
    comparator: str
    special: str | None = None  # "double" for 翻一番/翻番/倍增, "fraction" (三分之一, 一半), "ratio_to_one" (2.1∶1)


# 受教育年限达11年: whole years are a unit only as the level of a length of time (2026年 is a date)
_YEARS_OF_LEVEL = "".join(
    rf"|(?<=年限{v}{d})" for v in ("", "达", "为", "达到", "提高到", "提升到", "增加到", "延长到", "至") for d in (r"\d", r"\d\d")
)
# the pattern's groups, in order (find_quantities unpacks m.groups() so)
_GROUPS = ("double", "pre", "half", "rn", "fn", "fd", "cfd", "cfn", "pct", "pn1", "psep", "pn2", "n1", "u1", "sep", "pre2", "n2", "inf1", "mult", "inf2", "unit", "post")


@lru_cache(maxsize=8)
def _pattern(lex: Lexicon) -> regex.Pattern[str]:
    u = lex.units
    c = lex.comparators
    pct = _alternation(u["percent"])
    base = _alternation(u["base"])
    latin = _alternation(u["latin"])
    den = _alternation(u["compound_denominators"])
    pre = _alternation(list(c["prefix"]))
    suf = _alternation(list(c["suffix"]))
    sep = _alternation(c["range_separators"])
    num = rf"(?:{_AR_NUM}|{_CN_NUM})"
    unit = rf"(?:{pct}|(?:(?<=\d\.\d{{1,2}}){_YEARS_OF_LEVEL})年(?![代级度底初末前后内间月])|(?:{base})|(?:{_MULT})(?:{base})|(?:{_MULT})?(?:{latin})(?![A-Za-z])|(?:万亿|亿|万)(?=(?:{suf}))|(?<=[一二两三四五六七八九十百千][万亿])(?=(?:{suf}))|(?<=\d)(?:万亿|亿|万)(?![万亿多余])(?=[\u4e00-\u9fff，,。；;、]))"
    # A cheap first-character test: every quantity starts with a digit, a numeral, a
    # comparator word or 翻/倍; the engine skips other positions at once.
    first = "".join(sorted({w[0] for w in c["prefix"]} | set(CN_DIGITS) | set("0123456789翻倍百千半")))
    # A second, sharper test where that one passes: a figure's first character, or a whole
    # comparator word and then one (大/高/不/多 … open far more words than comparators; the
    # branches after the comparator all start with a digit, a Chinese numeral or 半).
    # Neither test changes what matches; the engine skips the first on a class in C.
    bare_first = "".join(sorted(set(CN_DIGITS) | set("0123456789翻倍百千半")))
    after_pre = "".join(sorted(set(CN_DIGITS) | set("半")))
    pat = rf"""
    (?=[{regex.escape(first)}])
    (?=[{regex.escape(bare_first)}]|(?:{pre})[\d{regex.escape(after_pre)}])
    (?:
    (?P<double>(?:翻两番|翻一番|翻番|翻倍|倍增)(?!计划|行动|工程|目标|战略|效应))
    |
    (?P<pre>{pre})?
    (?:
        (?P<half>一半|半数)(?![年月天日小])
      |
        (?<![\d.])(?P<rn>\d++(?:\.\d++)?)(?:∶|:|：|比)1(?![\d.:：∶])
      |
        (?<![\d/])(?P<fn>\d++)/(?P<fd>\d++)(?![\d/])
      |
        (?!百分之)(?<![一二三四五六七八九十百])(?P<cfd>[一二三四五六七八九十百]++)分之(?P<cfn>[一二三四五六七八九十]++(?:[点點][零〇一二三四五六七八九]++)?)
      |
        (?P<pct>[百千])分之(?P<pn1>{num})(?:(?P<psep>{sep})(?:[百千]分之)?(?P<pn2>{num})(?!年))?
      |
        (?P<n1>{num})
        (?:(?P<u1>{unit}|(?:万亿|亿|万)(?={sep}))?(?P<sep>{sep})(?P<pre2>{pre})?(?P<n2>{num}))?
        (?P<inf1>多|余)?
        (?P<mult>{_MULT_NUM})?
        (?P<inf2>多|余)?
        (?P<unit>{unit}(?:/(?:{den}))?)
    )
    (?P<post>{suf})?
    )
    """
    compiled = compile_scanner(pat, regex.VERBOSE)  # stdlib re when it can: same matches, faster scan
    if compiled.groups != len(_GROUPS) or sorted(compiled.groupindex, key=compiled.groupindex.get) != list(_GROUPS):
        raise RuntimeError("the quantity pattern's groups are not _GROUPS")  # (find_quantities unpacks them in this order)
    return compiled


_CN_ONLY_MULT = re.compile(r"^[万亿千百]+$")
# (带动万名青年, 举办千场会议: count words after which a bare 千/万 is a round figure, and the last
# characters of the verbs before it)
_ROUND_COUNT_UNITS = frozenset({"名", "人", "场", "人次", "场次", "户", "套", "项", "家", "个"})
_ROUND_COUNT_VERB_END = frozenset("办动训建育引增设招造选聘开助帮扶送展")
_TRAIL_MULT = re.compile(r"[万亿]+$")
# (每50公斤提高5到7元: after 每 a number is the base of a rate, not a figure)
_NAME_PREFIX = re.compile(r"(?:年产|日产|年处理|日处理|年加工|年吞吐|年运量|年产值|年产能|时速|为期|历时|第|每|沿线|沿岸|两岸|两侧|届)$")
# Larger numbers are not quantities a report commits to (and would not survive JSON as numbers).
_MAX_VALUE = 1e15
# (not money with the verb that spends it: 筹措7亿元实施就业惠民工程)
_PROGRAMME_AFTER = regex.compile(r"(?!实施|用于|支持|开展|推进|启动|安排)\p{Han}{1,12}?(?:规划|工程|计划|行动|战略)(?![\p{Han}])")
# 做好十一个方面, 15分钟健身圈, 500米范围内公交站点覆盖率, 10亿元级的科技企业: names and qualifiers
_VAGUE_AFTER = regex.compile(
    r"方面|\p{Han}{0,4}圈|范围内|半径|级(?:的|\p{Han}|[、，,])"  # 防城港30万吨级、北海20万吨级航道, 3个10万吨级泊位: a size class
    r"|(?<=条)(?:措施|举措|意见|政策|规定|建议)"  # 十二条措施: a policy's name
    r"|(?<=岁)(?:以[上下])?(?:的)?(?:幼儿|儿童|婴幼儿|老人|老年人|人口|人员|学生|青少年)"  # 2—3岁幼儿: an age band
    r"|(?<=岁)(?:即|就|后|起)"  # 满3岁即入园: an age condition
    r"|(?<=[个项])(?:主要|具体|预期性|约束性)?(?:指标|量化指标)"  # 五大类23个主要指标: how many indicators a plan has
    r"|(?<=人)制"  # 3人制篮球场: a format
    r"|(?<=元)结构"  # 城乡二元结构: dual, not money
    r"|(?<=个)民族"  # 56个民族: the nation's make-up, not a count to reach
    r"|(?<=小时)(?:开放|运营|服务)"  # 公园24小时开放: opening hours
    r"|(?<=名)(?:[省市区县]?(?:人大|政协))?(?:代表|委员)"  # 来自县内的162名代表: who attend the session, in a news report
    r"|(?<=次)(?:全会|全体会议)"  # 市委十三届十二次全会: a session's name
    r"|(?<=[个条])(?:留言|评论|回复)"  # 0个留言: a web page's furniture
    r"|(?<=小时)(?:过境|免签|不打烊|营业|值守|在线|提供|响应)"  # 240小时过境免签政策, 每天24小时提供…: hours of a service
)
_THRESHOLD_POSTS = frozenset({"以上", "以下", "及以上", "及以下", "或以上", "或以下"})
_HAN_NOUN_START = regex.compile(r"(?!的?有)的?\p{Han}")  # 增长50%以上的有生铁、钢…: 的有 lists members
# a count right before another figure (3座35万千瓦…): the figure is the size of each
_COUNT_BEFORE = regex.compile(r"(?:\d|[一二两三四五六七八九十])(?:座|台|个|套|条|艘|架|组|处|家|台套)$")
# a list of projects named with their sizes, closed by 等(N个)项目
_PROJECT_LIST_END = regex.compile(r"[^，,。；;：:]{0,80}?等(?:\d+个|[一二两三四五六七八九十]+个)?(?:重点|重大)?(?:项目|工程)")
_RX_HAN1 = regex.compile(r"\p{Han}")
_ONE_DIGIT = {ch: v for ch, v in DIGIT_VALUES.items() if v}  # 一 … 九 (两 too)
# a count of ten or more (or in digits) earlier in the same list, with the things it counts
_LARGER_COUNT_BEFORE = regex.compile(
    r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]百[零一二三四五六七八九十]*|\d{2,})"
    r"(?:个|条|座|项|所|家|处)\p{Han}{2,12}[，,、和及](?:[^。；;，,、]{1,14}[，,、和及])*$"
)
_CHANGE_AFTER = ("增长", "增加", "提高", "下降", "减少", "降低", "上升", "以上", "左右", "的")
# …的拖拉机一万五千台: 的, a short noun, then a count of it
_SIZED_COUNT_AFTER = regex.compile(
    r"的\p{Han}{1,10}?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)(?:万|亿)?(?:台|个|座|辆|艘|架|套|条|家|所|项|处|部|组)(?!\p{Han}{0,2}(?:以上|以下)?的)"
)
_ANAPHOR_BEFORE = regex.compile(r"(?:(?<![\p{Han}])这|[。，,；;]这|上述)$")
# 5000所中心乡镇卫生院: 所 counting the institutions named after it
_INSTITUTION_AFTER = regex.compile(r"[^，,。；;、\d（(]{0,12}?(?:院|学校|高校|幼儿园|中学|小学|大学|高中|初中|中心|机构)")
_SIZE_CLASS = re.compile(r"(?:以上|及以上)?(?:的)?(?:级)?(?:企业|项目|工程|产业|集群|园区|大项目|重大项目)")


_OPENING_QUOTE = re.compile("[“‘「『《]")


def _quoted(text: str, pos: int) -> bool:
    """Is ``pos`` inside a short quotation (“…”, 《…》) on the same line?"""
    lo = max(0, pos - 30)
    if _OPENING_QUOTE.search(text, lo, pos) is None:
        return False  # no opening quote within reach (the usual case): no need to walk back
    left = text[lo:pos]
    nl = left.rfind("\n")
    if nl >= 0:
        left = left[nl + 1 :]
    # the innermost unclosed opening quote to the left
    depth = 0
    for ch in reversed(left):
        if ch in "”’」』》":
            depth -= 1
        elif ch in "“‘「『《":
            depth += 1
            if depth > 0:
                right = text[pos : pos + 30]
                stop = right.find("\n")
                if stop >= 0:
                    right = right[:stop]
                return any(q in right for q in "”’」』》")
    return False


_FRACTION_LEFT = regex.compile(
    r"(?:占[^，,。；;]{0,10}|超过?|达到?|约|近|为|是|的|不低于|不少于|不足|以上"
    r"|减少|压减|压缩|缩减|精简|减|降低|下降|清偿|提高|增加|增长)$"  # 压减一半, 减少三分之一: a change by a share
)
# 城乡居民收入比缩小至2.1∶1: a ratio to one, only where a ratio is being set
_RATIO_LEFT = regex.compile(r"比[^，,。；;]{0,8}?(?:缩小至|缩小到|缩小为|降至|降到|下降到|下降至|为|达到|达|突破|保持在|控制在|改为|调整为|调整到|提高到|提高至|从|由)$")


def _comparator(m: regex.Match[str], comps_pre: dict[str, str], comps_suf: dict[str, str]) -> str:
    """The comparator of a share or ratio match: its word after the figure, else before it, else =."""
    if m.group("post"):
        return comps_suf[m.group("post")]
    return comps_pre[m.group("pre")] if m.group("pre") else "="


def _fraction(
    m: regex.Match[str], text: str, comps_pre: dict[str, str], comps_suf: dict[str, str]
) -> Quantity | None:
    """1/8 and 三分之二 as shares (占全市1/8, 超1/4): value is the fraction, no unit."""
    s, e = m.span()
    if m.group("fn"):
        num, den = float(m.group("fn")), float(m.group("fd"))
        num_start = m.start("fn")
        prev = text[num_start - 1] if num_start else ""
        if prev.isascii() and (prev.isalnum() or prev in "./"):
            return None
    else:
        n = parse_number(m.group("cfn"))
        d = parse_number(m.group("cfd"))
        if n is None or d is None:
            return None
        num, den = n, d
        num_start = m.start("cfd")
    if den == 0 or num >= den:
        return None
    if not m.group("pre") and not _FRACTION_LEFT.search(text, max(0, num_start - 12), num_start):
        return None  # 1/8 after a noun alone may be a date or a code
    return Quantity(s, e, num_start, num / den, None, None, _comparator(m, comps_pre, comps_suf), "fraction")


def find_quantities(text: str, lex: Lexicon) -> list[Quantity]:
    pat = _pattern(lex)
    out: list[Quantity] = []
    name_units = set(lex.units.get("name_units", []))
    comps_pre: dict[str, str] = lex.comparators["prefix"]
    comps_suf: dict[str, str] = lex.comparators["suffix"]
    inside_words: list[str] = lex.comparators.get("prefix_inside_words", [])
    suffix_words = sorted(comps_suf, key=len, reverse=True)  # (longest first: 及以上 before 以上)
    inside_for: dict[str, tuple[str, ...]] = {}  # a comparator word → the inside words ending in it
    for m in pat.finditer(text):
        # (the groups at once, in the pattern's order: _GROUPS; a call per group costs more)
        g_double, g_pre, g_half, g_rn, g_fn, _, g_cfd, _, g_pct, g_pn1, _, g_pn2, g_n1, g_u1, _, _, g_n2, g_inf1, g_mult, g_inf2, g_unit, g_post = m.groups()
        s, e = m.span()
        if g_double:
            w = g_double
            out.append(Quantity(s, e, s, 4.0 if w == "翻两番" else 2.0, None, "倍", "=", "double"))
            continue
        before = text[s - 1] if s > 0 else ""
        after = text[e] if e < len(text) else ""
        if g_half:
            if not g_pre and not _FRACTION_LEFT.search(text, max(0, s - 12), s):
                continue  # (一半 after a noun alone: prose)
            out.append(Quantity(s, e, m.start("half"), 0.5, None, None, _comparator(m, comps_pre, comps_suf), "fraction"))
            continue
        if g_rn:
            num_start = m.start("rn")
            # the ratio's verb ends before the comparator word (缩小至约2∶1) or is it (之比突破1：1)
            if not any(_RATIO_LEFT.search(text, max(0, s - 16), end) for end in {s, num_start}):
                continue
            v = float(g_rn)
            out.append(Quantity(s, e, num_start, v, None, None, _comparator(m, comps_pre, comps_suf), "ratio_to_one"))
            continue
        if g_fn or g_cfd:
            q = _fraction(m, text, comps_pre, comps_suf)
            if q is not None:
                out.append(q)
            continue
        num_start = m.start("n1") if g_n1 else m.start("pn1")
        prev_char = text[num_start - 1] if num_start > 0 else ""
        if prev_char and prev_char.isascii() and (prev_char.isalnum() or prev_char in ".+"):
            continue
        if after.isascii() and after.isalpha():
            continue
        if after in "+" and after:
            continue
        n1s = g_n1 or g_pn1
        v_mixed: float | None = None
        n2s = g_n2 or g_pn2
        unit = g_unit or ""
        mult = g_mult or ""
        is_cn = n1s[0] in CN_DIGITS
        round_count = False
        if is_cn:
            if prev_char and prev_char in CN_DIGITS:
                continue
            if (
                n1s in ("千", "万")
                and not mult
                and not n2s
                and unit in _ROUND_COUNT_UNITS
                and prev_char in _ROUND_COUNT_VERB_END
                and _HAN_NOUN_START.match(text, e)
                and text[e] not in CN_DIGITS + "灯"
            ):
                # 带动万名青年, 举办千场专业性会议: a round thousand or ten thousand after a verb
                round_count = True
                if n1s == "万":
                    n1s, mult = "一", "万"
                else:
                    n1s = "一千"
            elif _CN_ONLY_MULT.match(n1s) and not (mult or _TRAIL_MULT.search(n1s)):
                continue
            if g_n1 and not mult and not n2s and _RX0.search(n1s):
                # 一百四十五亿七千七百万元 → 145.77 亿元: a mixed numeral is written in its largest unit
                whole = parse_number(n1s)
                big = "亿" if "亿" in n1s else "万"
                factor = 1e8 if big == "亿" else 1e4
                if not whole or whole < factor:
                    continue
                mult, n1s = big, ""
                v_mixed = float(f"{whole / factor:.10g}")
            else:
                # 一千二百亿元: the trailing 万/亿 of a Chinese numeral belongs to the unit
                tm = _TRAIL_MULT.search(n1s)
                if tm and not mult and g_n1:
                    mult = tm.group(0)
                    n1s = n1s[: tm.start()]
                    if not n1s:
                        continue
        if n2s and n2s[0] in CN_DIGITS and mult:
            # 二百八十万到三百万千瓦: the second numeral carries the same multiplier
            tm2 = _TRAIL_MULT.search(n2s)
            if tm2 and tm2.group(0) == mult:
                n2s = n2s[: tm2.start()]
        u1 = g_u1 or ""
        if u1 and u1 in ("万", "亿", "万亿") and u1 != mult:
            continue  # 5000万到1亿元: the two ends are in different multipliers
        v1 = parse_number(n1s) if n1s else v_mixed
        if v1 is None or not math.isfinite(v1) or v1 > _MAX_VALUE:
            continue
        v2 = parse_number(n2s) if n2s else None
        if n2s and (v2 is None or not math.isfinite(v2) or v2 > _MAX_VALUE):
            continue
        if g_pn1:
            unit_full = "‰" if g_pct == "千" else "%"  # 千分之十三: per mille
        else:
            unit_full = mult + unit
        base_unit = unit.split("/")[0]
        # names and dates: 第一, 年产100万吨, 中电科41所, “70%精力…”
        if _NAME_PREFIX.search(text, max(0, num_start - 4), num_start):
            continue
        if unit == "个月" and not g_pre and (not prev_char or prev_char not in "至到为在于") and not text.startswith(("以内", "以下"), e):
            continue  # 前5个月, 用3个月时间: a span of time the text is framed by (压缩至3个月以内 is a level)
        if prev_char == "分" and _PARTS_AFTER.match(text, e):
            continue  # 分13个领域细化任务: how the work is divided, not a quantity to reach
        if prev_char == "前" and _RANK_BEFORE.search(text, max(0, num_start - 8), num_start):
            continue  # 进入ESI排名前1%: a rank threshold, not a commitment's figure
        if (
            base_unit in _CAPACITY_UNITS
            and not is_cn
            and not g_pre
            and not g_post
            and num_start >= 2
            and _PROJECT_AFTER.match(text, e)
            and _HAN_PAIR.fullmatch(text, num_start - 2, num_start)
            and text[num_start - 2 : num_start] not in lex.lead_verbs
            and not _RX1.search(text, num_start - 2, num_start)
        ):
            continue  # 开工建设南网720兆瓦储能电站等项目: the size in a named project, after its owner's name
        if base_unit in name_units and not g_pre and not g_post and not is_cn and not mult:
            # (a count in Chinese numerals, 二百○八所, is not a name like 中电科41所)
            # 所/期 are counts only right after a verb (新建4所); else part of a name (41所)
            left2 = text[max(0, num_start - 2) : num_start]
            listed = bool(regex.search(rf"\d{regex.escape(base_unit)}[^，,。；;、]{{0,12}}、$", text[max(0, num_start - 20) : num_start]))
            if (
                not listed
                and not _RX1.search(left2)
                and not (left2 and left2[-1] in _FACILITY_LAST)
                and not _INSTITUTION_AFTER.match(text, e)
                # (支持20所普通高中: after a verb, before a noun; 支持41所开展…: an institute's name)
                and not (len(left2) == 2 and left2 in lex.lead_verbs and _HAN_NOUN_START.match(text, e) and text[e : e + 2] not in lex.lead_verbs)
            ):
                continue  # (区级养老院1所, 幼儿园3所: a count of the facilities just named)
        if unit == "种" and is_cn and (not after or after in "，,。；;、）)"):
            continue  # …、糖等十七种；: the size of the list just given, not a count to reach
        if unit == "方" and (not mult or text.startswith("面", e)):
            continue  # 10亿方 (cubic metres) is a unit only with its multiplier: 三方, 各方, 方面 are not
        if is_cn and n1s == "一" and not mult and unit in ("度", "天") and not g_post:
            continue  # 一度曾经…, 在一天之内: adverbs, not quantities
        if is_cn and n1s == "一" and not mult and unit and after == unit[-1]:
            continue  # 一天天好起来, 一步步: a reduplicated measure word is an adverb
        if is_cn and prev_char == "成" and (g_n1 or "")[:1] in ("千", "百", "万"):
            continue  # 成千万人, 成百上千: a figure of speech
        if unit.endswith("人") and after in ("民", "口") and not g_post:
            continue  # 六亿多人民, 近八亿人口的国家, 每万人口: the people, a population or a denominator
        if is_cn and prev_char == "的" and not g_pn1 and v1 < 100 and base_unit in ("条", "次", "届", "号", "大"):
            continue  # 党的二十六条 (an OCR'd 二十大): an ordinal name, not a count
        if (
            is_cn
            and prev_char == "的"
            and not g_pn1
            and not g_post
            and _HAN_NOUN_START.match(text, e)
            and not text.startswith(("的", "增长", "增加", "下降", "减少", "提高", "降低", "上升", "为", "是"), e)
        ):
            continue  # 苏联帮助我国建设的一百五十六个工业单位: a set described, not a count to reach
        if (
            is_cn
            and base_unit in lex.count_units
            and v1 <= 10
            and not mult
            and not _PER_EACH.search(text, max(0, s - 14), s)
            and not (v1 >= 5 and "实事" in text[e : e + 8])  # (办好十件民生实事: the genre's yearly pledge)
            # (…三十个大电站，六条铁路新干线和五个重点港口: a small count in a list of larger ones)
            and not (prev_char in "，,、和及" and _LARGER_COUNT_BEFORE.search(text, max(0, s - 30), s))
        ):
            continue  # 两个确立, 三个一批, 一项: prose, not counts (每个街道配备一所幼儿园 is a rate)
        if (
            is_cn
            and not round_count
            and not g_post
            and _CN_ONLY_MULT.match((g_n1 or "") + (g_mult or ""))
            and _HAN_NOUN_START.match(text, e)
            and not text.startswith(_CAPACITY_NOUNS, e)  # (新增千万吨产能: the capacity itself)
        ):
            continue  # 千万吨炼化一体化, 百万吨煤制芳烃项目: a round size in a project's name
        if _quoted(text, num_start):
            continue
        if prev_char in "这述" and _ANAPHOR_BEFORE.search(text, max(0, num_start - 3), num_start) and not g_pre:
            continue  # 这一百二十个项目建成后, 上述5个项目: things already counted, referred back to
        if (
            base_unit not in lex.count_units
            and unit not in ("%", "‰", "万", "亿", "万亿")
            and _COUNT_BEFORE.search(text, max(0, num_start - 6), num_start)
            and (
                _HAN_NOUN_START.match(text, m.end("post") if g_post else e)
                or (unit.endswith("元") and text.startswith("、", m.end("post") if g_post else e))
            )
        ):
            continue  # 3座35万千瓦光热电站, 2台100万千瓦机组: the size of each thing counted, not a quantity to reach
        if (
            base_unit not in lex.count_units
            and not g_post
            and _RX_HAN1.match(text, e)
            and _RX_HAN1.match(prev_char)  # (not text[num_start - 1]: at 0 that is the text's last character)
            and not text.startswith(_CHANGE_AFTER, e)
            and (pm := _PROJECT_LIST_END.match(text, e)) is not None
            and "、" in text[max(0, num_start - 40) : pm.end()]
        ):
            continue  # 甲公司50万吨绿电铝技改、乙公司20万吨铝板带箔等项目: sizes in the listed projects' names
        if (
            base_unit not in lex.count_units
            and unit not in ("%", "‰", "万", "亿", "万亿")
            and not g_post
            and text.startswith("的", e)
            and _SIZED_COUNT_AFTER.match(text, e)
        ):
            continue  # 五十四匹马力的拖拉机一万五千台, 30万千瓦的机组2台: the size of each thing counted after it
        if (
            base_unit not in lex.count_units
            and _PROGRAMME_AFTER.match(text, e)
            and not (unit.endswith("元") and text.startswith("的", e))  # (总额4万亿元的两年投资计划: the plan's size)
        ):
            continue  # 新增千亿斤粮食生产能力规划, 百亿斤粮食产能提升工程: a programme's name
        if unit == "条" and prev_char == "新" and not g_pre:
            continue  # 鼓励引导民间投资新36条: a policy's nickname
        if _VAGUE_AFTER.match(text, e):
            continue  # 做好十一个方面重点工作, 15分钟健身圈, 1小时通勤圈: names, not quantities
        if _SIZE_CLASS.match(text, e if not g_post else m.start("post")) and unit.endswith("元"):
            continue  # 20亿元企业, 10亿元以上项目: a size class inside the metric
        if (
            g_post in _THRESHOLD_POSTS
            and base_unit not in lex.count_units
            and unit not in ("%", "‰", "万", "亿", "万亿")
            and _HAN_NOUN_START.match(text, e)
        ):
            continue  # 关停10万千瓦及以下燃煤机组, 150万吨以上的物流园区: a threshold inside the metric
        # range check: the second number must be larger (5-10家); a dash between unrelated numbers is not a range
        comparator = "="
        pre = g_pre
        if pre:
            ends_pre = inside_for.get(pre)
            if ends_pre is None:
                ends_pre = inside_for[pre] = tuple(w for w in inside_words if w.endswith(pre))
            if any(text.startswith(w, s + len(pre) - len(w)) for w in ends_pre if s + len(pre) >= len(w)):
                # 至少节约百分之十, 制约: the comparator-like character ends a word before the number
                s, pre = m.end("pre"), None
        if pre:
            comparator = comps_pre[pre]
        if g_post:
            comparator = comps_suf[g_post]
        if g_inf1 or g_inf2:
            comparator = ">"
        value_max = None
        if v2 is not None:
            if v2 <= v1:
                continue
            comparator = "range"
            value_max = v2
        if before == "-" and s > 0 and text[s - 2 : s - 1].isdigit():
            continue
        if unit and not g_post and text.startswith(("（", "("), e):
            alt = _ALT_UNIT.match(text, e)
            if alt is not None and alt.group(1) in lex.count_units:
                unit_full += alt.group(0)  # 10条（段）, 490套（间）: the unit with its alternative
                e = alt.end()
                post = next((w for w in suffix_words if text.startswith(w, e)), None) if comparator == "=" else None
                if post is not None:
                    comparator = comps_suf[post]  # 1万台（套）以上
                    e += len(post)
        if (
            is_cn
            and value_max is None
            and comparator == "="
            and s == num_start
            and text[num_start - 1 : num_start] == "、"
            and _ONE_DIGIT.get(text[num_start - 2 : num_start - 1]) == v1 - 1
            and text[num_start - 3 : num_start - 2] not in ("第", "、", *_ONE_DIGIT)  # (一、二、三项; 第二、三批)
        ):
            # 增加两、三倍, 多五、六倍: two neighbouring digits, the old way of writing a range
            s, v1, value_max, comparator = num_start - 2, v1 - 1, v1, "range"
        out.append(Quantity(s, e, num_start, v1, value_max, unit_full or None, comparator))
    return out
