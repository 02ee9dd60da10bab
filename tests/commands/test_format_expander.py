"""The format expander on its own: tmux 3.3a's format language, case by case (each expected value is what
``tmux display-message -p`` printed for the same format and options)."""

from __future__ import annotations

import time

import pytest

from muntin.commands.formats import SIZE_LIMIT, STEP_LIMIT, Scope, expand, format_string, format_width

OPTIONS = {"@a": "hello", "@n": "42", "@z": "0", "@e": "", "@f": "#{@a}", "@path": "/usr/local/bin/",
           "@s": "ab;c d$x", "@uni": "héllo wörld", "@wide": "日本語テキスト", "@hash": "a#b##c",
           "@time": "1700000000", "@self": "#{E:@self}x", "@two": "#{E:@two}#{E:@two}",
           "@sty": "#[fg=red]abc#[default]def", "@pct": "100%d"}


def scope() -> Scope:
    return Scope({"session_name": "Summer", "pane_title": "%H #{@a}"}, OPTIONS.get)


CASES = [
    ("plain text", "plain text"), ("abc#", "abc#"), ("#,", ","), ("#}", "}"), ("##", "#"), ("###", "##"),
    ("##[fg=red]x", "##[fg=red]x"), ("#[fg=red]x#[default]", "#[fg=red]x#[default]"),
    ("#{@a}", "hello"), ("#{@nosuch}", ""), ("#{session_name}", "Summer"), ("#S", "Summer"),
    ("#X #x #1", "#X #x #1"), ("a#{@a", "a"), ("a#{@a}}b", "ahello}b"),
    # conditions: a name, else a format; unknown names and bare text are false
    ("#{?@a,yes,no}", "yes"), ("#{?@z,yes,no}", "no"), ("#{?@e,yes,no}", "no"), ("#{?@nosuch,yes,no}", "no"),
    ("#{?1,yes,no}", "no"), ("#{?#{@a},yes,no}", "yes"), ("#{?#{==:a,a},yes,no}", "yes"),
    ("#{?@a,#{?@z,A,B},C}", "B"), ("#{?@a,x#,y,z}", "x,y"), ("#{?@z,x,b,y,z}", "b,y,z"),
    ("#{?@a,x,b,y,z}", "x"), ("#{?@a,x}", ""), ("#{?#{m:*e*,#{@a}},match,nomatch}", "match"),
    # comparisons
    ("#{==:a,a}", "1"), ("#{==:a,b}", "0"), ("#{!=:a,b}", "1"), ("#{<:a,b}", "1"), ("#{>:a,b}", "0"),
    ("#{<=:b,b}", "1"), ("#{>=:a,b}", "0"), ("#{==:#{@a},hello}", "1"), ("#{==:a}", ""), ("x#{==:a}y", "x"),
    ("#{||:0,1}", "1"), ("#{||:0,}", "0"), ("#{&&:1,1}", "1"), ("#{&&:1,0}", "0"), ("#{!:1}", ""),
    # matching
    ("#{m:*ll*,#{@a}}", "1"), ("#{m:h?llo,#{@a}}", "1"), ("#{m:H*,#{@a}}", "0"), ("#{m/i:H*,#{@a}}", "1"),
    ("#{m/r:^h.l+o$,#{@a}}", "1"), ("#{m/ri:^H,#{@a}}", "1"), ("#{m:[a-h]*,#{@a}}", "1"),
    ("#{m:[!a-h]*,#{@a}}", "0"),
    # expanding again
    ("#{E:@f}", "hello"), ("#{@f}", "#{@a}"), ("#{E:@self}", "x" * 99), ("#{T:@a}", "hello"),
    # trimming and padding
    ("#{=3:@a}", "hel"), ("#{=-3:@a}", "llo"), ("#{=/3/...:@a}", "hel..."), ("#{=/-3/...:@a}", "...llo"),
    ("#{=/10/...:@a}", "hello"), ("#{=3:@uni}", "hél"), ("#{=-4:@uni}", "örld"), ("#{=3:@wide}", "日"),
    ("#{=-3:@wide}", "ト"), ("#{=5:@sty}", "#[fg=red]abc#[default]de"), ("#{=-4:@sty}", "#[fg=red]c#[default]def"),
    ("#{=2:@hash}", "a#"), ("#{=#{@n}:@a}", "=42:@a"), ("#{p10:@a}|", "hello     |"), ("#{p-10:@a}|", "     hello|"),
    ("#{p2:@a}|", "hello|"), ("#{p10:@wide}|", "日本語テキスト|"),
    # substitution
    ("#{s/l/L/:@a}", "heLLo"), ("#{s/L/x/i:@a}", "hexxo"), (r"#{s/(h)(e)/\2\1/:@a}", "ehllo"),
    ("#{s/^./X/:@a}", "Xello"), ("#{s/x*/-/:@a}", "h-e-l-l-o-"), ("#{s/l/L/;s/o/0/:@a}", "heLL0"),
    # paths, literals, quoting
    ("#{b:@path}", "bin"), ("#{d:@path}", "/usr/local"), ("#{b:@a}", "hello"), ("#{d:@a}", "."),
    ("#{b:#{@path}}", "/usr/local/bin/"), ("#{l:#{@a}}", "#{@a}"), ("#{q:@s}", r"ab\;c\ d\$x"),
    ("#{q/e:@hash}", "a##b####c"), ("#{q/h:@hash}", "a##b####c"),
    # lengths and widths
    ("#{n:@a}", "5"), ("#{n:@uni}", "13"), ("#{w:@uni}", "11"), ("#{w:@wide}", "14"), ("#{w:@sty}", "6"),
    # arithmetic
    ("#{e|+|:1,2}", "3"), ("#{e|-|:1,2}", "-1"), ("#{e|*|:3,4}", "12"), ("#{e|/|:7,2}", "3"),
    ("#{e|/|f:7,2}", "3.50"), ("#{e|/|f|4:7,2}", "3.5000"), ("#{e|m|:7,3}", "1"), ("#{e|%|:-7,3}", "-1"),
    ("#{e|==|:2,2.0}", "1"), ("#{e|<|:1,2}", "1"), ("#{e|+|:1.9,1.9}", "2"), ("#{e|+|f:1.9,1.9}", "3.80"),
    ("#{e|+|:a,1}", ""), ("#{e|+|:,}", "0"), ("#{e|^|:1,2}", ""), ("#{e|+|:#{@n},8}", "50"),
    ("#{e|+|:0x10,1}", "17"),
    # characters, odd keys
    ("#{a:65}", "A"), ("#{a:10}", ""), ("#{ @a }", ""), ("#{@a:x}", ""), ("#{session_name:x}", ""),
    ("#{=:@a}", "hello"), ("#{=x:@a}", "hello"), ("#{p:@a}", "hello"), ("#{?,a,b}", "b"), ("#{}", ""),
    ("#{{}}", "}"), ("#{#{@a}}", "hello"), ("#{@a}#{@a}", "hellohello"), ("#(echo hi)", ""),
    ("#{?@a,#{=2:@a},}", "he"),
]


@pytest.mark.parametrize(("template", "expected"), CASES)
def test_format(template: str, expected: str) -> None:
    assert expand(template, scope()) == expected


def test_time_modifiers() -> None:
    assert expand("#{t:@time}", scope()) == time.ctime(1700000000)
    day = time.strftime("%Y-%m-%d", time.localtime(1700000000))
    assert expand("#{t/f/%Y-%m-%d:@time}", scope()) == day
    # with strftime (display-message) the template and then the argument pass through it, as in tmux
    assert expand("#{t/f/%%%%Y-%%%%m-%%%%d:@time}", scope(), strftime=True) == day
    assert expand("#{t/f/%H#:%M:@time}", scope()) == time.strftime("%H:%M", time.localtime(1700000000))
    assert expand("#{t:@a}", scope()) == ""


def test_strftime_applies_to_the_template_not_to_values() -> None:
    now = time.mktime((2026, 12, 2, 6, 30, 0, 0, 0, -1))
    assert expand("%Y %H #{@pct} #{pane_title}", scope(), strftime=True, now=now) == "2026 06 100%d %H #{@a}"
    assert expand("%Y #{@pct}", scope()) == "%Y 100%d"
    assert expand("#{T:pane_title}", scope(), now=now) == "06 hello"


def test_values_are_never_expanded_again_unless_asked() -> None:
    assert expand("#{pane_title}", scope()) == "%H #{@a}"
    assert expand("#T", scope()) == "%H #{@a}"
    assert expand("#{E:pane_title}", scope()) == "%H hello"


def test_loops_and_names() -> None:
    windows = [Scope({"window_index": i, "window_name": name}) for i, name in ((0, "vim"), (1, "sh"), (2, "top"))]
    panes = [Scope({"pane_index": i}) for i in range(2)]

    def children(kind: str):
        return {"W": [(w, i == 1) for i, w in enumerate(windows)], "P": [(p, i == 0) for i, p in enumerate(panes)],
                "S": [(Scope({"session_name": n}), n == "a") for n in ("a", "b")]}[kind]

    top = Scope({}, None, children)
    assert expand("#{W:#{window_index}:#{window_name} }", top) == "0:vim 1:sh 2:top "
    assert expand("#{W:#I ,[#I] }", top) == "0 [1] 2 "
    assert expand("#{P:#{pane_index}#,,*#{pane_index}#,}", top) == "*0,1,"
    assert expand("#{S:#{session_name}}", top) == "ab"
    assert expand("#{N:sh}#{N:nope}#{N/s:b}", top) == "101"
    assert expand("a#{W:x}b", Scope()) == "a"  # no windows to loop over: the expansion stops there, as in tmux


def test_search_and_jobs_are_the_callers() -> None:
    found = Scope({}, search=lambda text, regex, fold: 7 if (text, regex, fold) == ("err", True, True) else 0)
    assert expand("#{C/ri:err}#{C:x}", found) == "70"
    ran: list[str] = []
    jobs = Scope({"@x": "1"}, job=lambda command: ran.append(command) or "out #{@x}")
    assert expand("[#(echo #{@x} (a))]", jobs) == "[out 1]" and ran == ["echo 1 (a)"]


def test_a_hostile_format_cannot_stall_the_expander() -> None:
    started = time.monotonic()
    assert expand("#{E:@two}", scope()) == ""  # 2**100 expansions in tmux; here the step limit ends it
    assert len(expand("#{p999999999:@a}", scope())) == SIZE_LIMIT
    assert len(expand("#{E:@self}" * 200, scope())) <= SIZE_LIMIT
    nested = "#{?1," * 500 + "x" + ",}" * 500
    assert expand(nested, scope()) == ""
    assert time.monotonic() - started < 60, "generous: the limits above are what keep this short"
    assert STEP_LIMIT < 10**6


def test_format_string_keeps_its_signature() -> None:
    assert format_string("#S:#{?pane_title,t,u}", {"session_name": "s", "pane_title": ""}) == "s:u"
    assert format_string("#{@x}", {}, {"@x": "y"}.get) == "y"
    assert format_string("%%", {}, strftime=True) == "%"


@pytest.mark.parametrize(("text", "width"), [("abc", 3), ("#[fg=red]ab", 2), ("a##b", 3), ("日本", 4), ("\x1b", 0)])
def test_format_width(text: str, width: int) -> None:
    assert format_width(text) == width
