"""
The Jinja2 conformance cases: a template, an optional context (JSON values) and optional dbt macro
files. `generate.py` renders each with real Jinja2 (as dbt configures it) and writes the outcome to
test/fixtures/jinja/conformance.json; the TypeScript suite compares pitwall's renders with it.

A case is a dict: id, template, and optionally ctx (dict), macros (text of a project macro file,
each macro wrapped as dbt wraps it, so `return()` works), dbt (True: add dbt's context functions).
"""

C = []


def case(id, template, ctx=None, macros=None):
    C.append({'id': id, 'template': template, 'ctx': ctx or {}, 'macros': macros})


# --- literals and printing -------------------------------------------------------------------
case('lit.bools', '{{ True }} {{ true }} {{ False }} {{ false }} {{ None }} {{ none }}')
case('lit.none-concat', "{{ 'a' ~ none }} {{ 'b' ~ True }}")
case('lit.numbers', '{{ 1 }} {{ 1.0 }} {{ 1.5 }} {{ 1_000 }} {{ 1e3 }} {{ 2.5e-3 }} {{ 0.1 + 0.2 }}')
case('lit.float-repr', '{{ 1e16 }} {{ 1e15 }} {{ 0.00001 }} {{ 0.0001 }} {{ 123456789.125 }}')
case('lit.strings', """{{ 'it''s' if false else "a\\"b" }} {{ 'x\\ty' }} {{ "a" "b" 'c' }} {{ '\\n'|length }}""")
case('lit.list', "{{ [1, 'a', none, true, 1.5] }}")
case('lit.list-trailing-comma', '{{ [1, 2,] }} {{ (1, 2,) }} {{ {"a": 1,} }}')
case('lit.tuple', '{{ (1, 2) }} {{ (1,) }} {{ () }}')
case('lit.dict', "{{ {'a': 1, 'b': [1, 2]} }}")
case('lit.dict-nonstring-keys', "{% set d = {1: 'one', 2: 'two', 'x': 3} %}{{ d[1] }} {{ d[2] }} {{ d['x'] }} {{ d }}")
case('lit.dict-order', "{{ {'b': 1, '2': 2, 'a': 3} }} {{ {'b': 1, '2': 2, 'a': 3} | list }}")
case('lit.nested', "{{ {'a': {'b': [1, {'c': none}]}} }}")
case('lit.string-in-list', """{{ ["it's", 'say "hi"'] }}""")
case('print.undefined', '[{{ nothing }}]')
case('print.undefined-attr', '[{{ d.missing }}]', {'d': {}})
case('print.expression-tuple', '{{ 1, 2 }}')
case('print.int-float', '{{ 3 * 1.0 }} {{ 4 / 2 }} {{ 7 / 2 }} {{ 2 * 3 }} {{ 2 ** 0.5 }}')

# --- operators ---------------------------------------------------------------------------------
case('op.arith', '{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ -2 ** 2 }} {{ 2 ** -1 }}')
case('op.float-floordiv', '{{ 7.5 // 2 }} {{ 7.0 % 2 }}')
case('op.precedence', '{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 2 * 3 ** 2 }} {{ 10 - 2 - 3 }} {{ 1 ~ 2 * 3 }}')
case('op.concat-binds-tighter-than-plus', '{{ 1 + 2 ~ 3 }}')
case('op.list-plus-list', "{{ ['x'] + ['y', 'z'] }} {{ ([1] + [2]) | length }}")
case('op.string-plus', "{{ 'a' + 'b' }} {{ 'ab' * 3 }} {{ [0] * 3 }}")
case('op.tilde', "{{ 1 ~ 2 }} {{ 'a' ~ [1] }} {{ none ~ 'x' }} {{ 1.0 ~ '' }}")
case('op.percent-s', "{{ '%s' % 'x' }} {{ '%s-%s' % ('a', 1) }} {{ '%s' % [1, 2] }} {{ '%s' % none }}")
case('op.percent-d-f', "{{ '%d' % 3.7 }} {{ '%.2f' % 3.14159 }} {{ '%05d' % 42 }} {{ '%5.1f|' % 2.25 }} {{ '%x' % 255 }} {{ '%%' % () }}")
case('op.percent-dict', "{{ '%(a)s and %(b)d' % {'a': 'x', 'b': 2} }}")
case('op.percent-r', "{{ '%r' % 'x' }} {{ '%-4s|' % 'a' }} {{ '%i' % 5 }} {{ '%e' % 12345.678 }}")
case('op.compare', '{{ 1 < 2 }} {{ 2 <= 2 }} {{ 3 > 4 }} {{ 1 == 1.0 }} {{ "a" != "b" }} {{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }}')
case('op.compare-lists', '{{ [1, 2] == [1, 2] }} {{ [1, 2] < [1, 3] }} {{ "abc" < "abd" }} {{ {"a": 1} == {"a": 1} }}')
case('op.in', "{{ 'a' in ['a', 'b'] }} {{ 'c' not in ['a'] }} {{ 'el' in 'hello' }} {{ 'k' in {'k': 1} }} {{ 1 in [1.0] }} {{ not 'a' in 'b' }}")
case('op.and-or-values', "{{ 0 or 'x' }} {{ 'a' and 'b' }} {{ none or [] or 'last' }} {{ '' and 1 }} {{ [] or none }}")
case('op.not', '{{ not 0 }} {{ not [] }} {{ not "a" }} {{ not none }} {{ not {} }} {{ not 0.0 }}')
case('op.truthiness', "{% for v in [0, 1, '', 'a', [], [0], {}, none, 0.0] %}{{ 'T' if v else 'F' }}{% endfor %}")
case('op.inline-if', "{{ 'y' if true else 'n' }} [{{ 'y' if false }}] {{ 'a' if 0 else 'b' if 1 else 'c' }}")
case('op.unary', '{{ -(3) }} {{ +3 }} {{ - -3 }} {{ -1|abs }} {{ -x }}', {'x': 2})
case('op.eq-none', '{{ none == none }} {{ x == none }} {{ 0 == false }} {{ 1 == true }} {{ "1" == 1 }}', {'x': None})
case('op.bool-arith', '{{ true + 1 }} {{ false * 3 }}')
case('op.int-div-zero', '{{ 1 / 0 }}')
case('op.string-number-add', "{{ 'a' + 1 }}")

# --- subscript and slicing ---------------------------------------------------------------------
case('idx.negative', "{{ l[-1] }} {{ l[0] }} {{ 'abc'[-1] }} {{ l[-2] }}", {'l': [1, 2, 3]})
case('idx.out-of-range', '[{{ l[10] }}]', {'l': [1]})
case('idx.slice', "{{ l[1:] }} {{ l[:-1] }} {{ l[::2] }} {{ l[::-1] }} {{ l[1:3] }} {{ 'hello'[1:3] }} {{ 'hello'[::-1] }} {{ l[-2:] }}", {'l': [1, 2, 3, 4, 5]})
case('idx.slice-vars', '{{ l[a:b] }} {{ l[a:] }}', {'l': [1, 2, 3, 4], 'a': 1, 'b': 3})
case('idx.attr-vs-item', "{{ d.a }} {{ d['a'] }} {{ d.b.c }} {{ d['b']['c'] }}", {'d': {'a': 1, 'b': {'c': 2}}})
case('idx.dict-int-key-from-literal', "{% set d = {0: 'zero'} %}{{ d[0] }} {{ d.get(0) }}")
case('idx.list-attr-index', '{{ l.0 }} {{ l.1 }}', {'l': ['a', 'b']})
case('idx.undefined-chain-error', '{{ nothing.attr }}')
case('idx.none-attr', '{{ x.attr }}', {'x': None})

# --- strings: Python methods -------------------------------------------------------------------
case('str.case', "{{ 'Ab'.upper() }} {{ 'Ab'.lower() }} {{ 'hello world'.title() }} {{ 'hELLO'.capitalize() }} {{ 'Ab'.swapcase() }}")
case('str.strip', "[{{ '  a  '.strip() }}] [{{ 'xxaxx'.strip('x') }}] [{{ '  a '.lstrip() }}] [{{ ' a  '.rstrip() }}] [{{ 'xa'.lstrip('x') }}] [{{ 'ax'.rstrip('x') }}]")
case('str.split', "{{ 'a,b,,c'.split(',') }} {{ ' a  b '.split() }} {{ 'a.b.c'.split('.', 1) }} {{ 'a.b.c'.rsplit('.', 1) }}")
case('str.join-replace', "{{ ', '.join(['a', 'b']) }} {{ 'aaa'.replace('a', 'b') }} {{ 'aaa'.replace('a', 'b', 2) }}")
case('str.find', "{{ 'hello'.startswith('he') }} {{ 'hello'.endswith('lo') }} {{ 'hello'.find('l') }} {{ 'hello'.find('z') }} {{ 'hello'.count('l') }} {{ 'hello'.index('e') }} {{ 'hello'.rfind('l') }}")
case('str.startswith-tuple', "{{ 'hello'.startswith(('x', 'h')) }} {{ 'a.sql'.endswith(('.sql', '.py')) }}")
case('str.predicates', "{{ '123'.isdigit() }} {{ 'ab'.isalpha() }} {{ 'ab1'.isalnum() }} {{ 'AB'.isupper() }} {{ 'ab'.islower() }} {{ '  '.isspace() }}")
case('str.format', "{{ '{} and {}'.format('a', 'b') }} {{ '{0}{1}{0}'.format('x', 'y') }} {{ '{name}!'.format(name='hi') }} {{ '{:>4}|'.format('a') }} {{ '{:.2f}'.format(2.5) }}")
case('str.partition', "{{ 'a=b=c'.partition('=') }} {{ 'a=b=c'.rpartition('=') }}")
case('str.misc', "{{ 'ab'.center(6, '*') }} {{ '5'.zfill(3) }} {{ 'a\\nb'.splitlines() }} {{ 'ab'.ljust(4, '.') }} {{ 'ab'.rjust(4) }}")
case('str.iterate', "{% for c in 'abc' %}{{ c }}-{% endfor %}")
case('str.escape-sql', "{{ \"it's\".replace(\"'\", \"''\") }}")

# --- lists, dicts: Python methods --------------------------------------------------------------
case('list.append-extend', "{% set l = [] %}{% do l.append(1) %}{% do l.extend([2, 3]) %}{{ l }} {{ l.append(4) }}|{{ l }}")
case('list.insert-pop-remove', "{% set l = [1, 2, 3, 4] %}{% do l.insert(0, 0) %}{{ l.pop() }} {{ l.pop(0) }} {% do l.remove(2) %}{{ l }}")
case('list.index-count', "{{ [1, 2, 2].count(2) }} {{ ['a', 'b'].index('b') }}")
case('list.reverse-sort', "{% set l = [3, 1, 2] %}{% do l.sort() %}{{ l }}{% do l.reverse() %}{{ l }}")
case('list.copy', "{% set a = [1] %}{% set b = a.copy() %}{% do b.append(2) %}{{ a }} {{ b }}")
case('dict.methods', "{% set d = {'a': 1, 'b': 2} %}{{ d.keys() | list }} {{ d.values() | list }} {{ d.items() | list }} {{ d.get('a') }} {{ d.get('z') }} {{ d.get('z', 9) }}")
case('dict.update-pop', "{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{% do d.update(c=3) %}{{ d }} {{ d.pop('a') }} {{ d.pop('z', 'none') }} {{ d }}")
case('dict.setdefault', "{% set d = {} %}{{ d.setdefault('a', []) }}{% do d.setdefault('a', []).append(1) %}{{ d }}")
case('dict.items-loop', "{% for k, v in {'x': 1, 'y': 2}.items() %}{{ k }}={{ v }};{% endfor %}")
case('dict.iterate-keys', "{% for k in {'x': 1, 'y': 2} %}{{ k }}{% endfor %}")
case('dict.setitem-via-update', "{% set d = {} %}{% for k in ['a', 'b'] %}{% do d.update({k: loop.index}) %}{% endfor %}{{ d }}")
case('dict.copy', "{% set d = {'a': 1} %}{% set e = d.copy() %}{% do e.update({'b': 1}) %}{{ d }} {{ e }}")
case('dict.attr-method-precedence', "{{ d.items() | list }} {{ d['items'] }}", {'d': {'items': 5}})
case('dict.from-context-methods', "{{ d.keys() | sort | join(',') }} {{ d.get('a') }}", {'d': {'b': 1, 'a': 2}})

# --- if ----------------------------------------------------------------------------------------
case('if.elif-else', "{% for x in [1, 2, 3] %}{% if x == 1 %}one{% elif x == 2 %}two{% else %}many{% endif %};{% endfor %}")
case('if.not-defined', "{% if x is not defined %}nodef{% endif %}{% if not y %}falsy{% endif %}", {'y': []})
case('if.nested-and-or', "{{ 'y' if (a and not b) or c else 'n' }}", {'a': 1, 'b': 0, 'c': 0})
case('if.string-compare', "{% if 'abc' == 'abc' and 'b' > 'a' %}ok{% endif %}")

# --- for loops ---------------------------------------------------------------------------------
case('for.loop-vars', '{% for x in l %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}{{ loop.revindex0 }};{% endfor %}', {'l': ['a', 'b', 'c']})
case('for.else', '{% for x in [] %}x{% else %}empty{% endfor %}')
case('for.filter', '{% for x in range(10) if x is odd %}{{ x }}{{ loop.length }},{% endfor %}')
case('for.unpack', '{% for a, b in [(1, 2), (3, 4)] %}{{ a + b }} {% endfor %}')
case('for.nested-loop', '{% for a in [1, 2] %}{% for b in [3, 4] %}{{ loop.index }}{{ a }}{{ b }} {% endfor %}{{ loop.index }}|{% endfor %}')
case('for.scoping', '{% set x = 0 %}{% for i in [1, 2, 3] %}{% set x = x + i %}{{ x }}{% endfor %}|{{ x }}')
case('for.scoping-undefined', '{% for i in [1, 2, 3] %}{% set x = (x or 0) + i %}{{ x }}{% endfor %}|{{ x }}')
case('for.namespace', '{% set ns = namespace(total=0, items=[]) %}{% for i in [1, 2, 3] %}{% set ns.total = ns.total + i %}{% do ns.items.append(i) %}{% endfor %}{{ ns.total }} {{ ns.items }}')
case('for.cycle-prev-next', "{% for x in [1, 2, 3] %}{{ loop.cycle('a', 'b') }}{{ loop.previtem }}{{ loop.nextitem }};{% endfor %}")
case('for.changed', '{% for x in [1, 1, 2] %}{{ loop.changed(x) }}{% endfor %}')
case('for.break-continue', '{% for x in range(10) %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 5 %}{% break %}{% endif %}{{ x }}{% endfor %}')
case('for.range', '{{ range(3) | list }} {{ range(1, 4) | list }} {{ range(0, 10, 3) | list }} {{ range(3, 0, -1) | list }}')
case('for.loop-var-leak', '{% for x in [1, 2] %}{% endfor %}[{{ x }}]')
case('for.dict-sorted-items', "{% for k, v in d | dictsort %}{{ k }}{{ v }}{% endfor %}", {'d': {'b': 2, 'a': 1}})
case('for.depth', '{% for x in [1] %}{{ loop.depth }}{{ loop.depth0 }}{% endfor %}')
case('for.over-undefined', '{% for x in nothing %}a{% endfor %}b')
case('for.over-none-value-error', '{% for x in v %}a{% endfor %}b', {'v': None})
case('for.tuple-target-dict', "{% for name, cfg in {'a': {'n': 1}}.items() %}{{ name }}{{ cfg.n }}{% endfor %}")
case('for.recursive', "{% for item in tree recursive %}{{ item.name }}{% if item.children %}({{ loop(item.children) }}){% endif %}{% endfor %}", {'tree': [{'name': 'a', 'children': [{'name': 'b', 'children': []}]}, {'name': 'c', 'children': []}]})

# --- set, with, blocks -------------------------------------------------------------------------
case('set.tuple', '{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set c, d = [3, 4] %}{{ c }}{{ d }}')
case('set.block', '{% set x %}hello {{ 1 + 1 }}{% endset %}[{{ x }}] {{ x | length }}')
case('set.block-filter', '{% set x | upper %}abc{% endset %}{{ x }}')
case('set.in-if-leaks', '{% if true %}{% set x = 1 %}{% endif %}{{ x }}')
case('set.macro-local', '{% macro m() %}{% set y = 2 %}{{ y }}{% endmacro %}{{ m() }}[{{ y }}]')
case('with.scope', '{% set x = 1 %}{% with x = 2, y = 3 %}{{ x }}{{ y }}{% endwith %}{{ x }}[{{ y }}]')
case('filter.block', '{% filter upper %}abc {{ "d" }}{% endfilter %}')
case('raw.block', '{% raw %}{{ not rendered }}{% endraw %}')
case('comment', 'a{# a comment {{ x }} #}b')
case('do.expression', '{% set l = [] %}{% do l.append(1) or l.append(2) %}{{ l }}')

# --- whitespace control ------------------------------------------------------------------------
case('ws.dash', 'a  {%- if true -%}  b  {%- endif -%}  c')
case('ws.dash-newlines', 'a\n  {%- for x in [1, 2] %}\n  {{ x }}\n  {%- endfor %}\nb')
case('ws.expr-dash', 'a {{- 1 -}} b {{ 2 }} c')
case('ws.comment-dash', 'a {#- c -#} b')
case('ws.default-keeps', 'a\n{% if true %}\nb\n{% endif %}\nc')
case('ws.trailing-newline', 'line\n')
case('ws.trailing-newlines', 'line\n\n')
case('ws.plus', 'a\n  {%+ if true %}b{% endif %}')
case('ws.set-block-dash', '{%- set x -%}\n  padded  \n{%- endset -%}\n[{{ x }}]')
case('ws.macro-dash', '{% macro m() -%}\n  x\n{%- endmacro %}\n[{{ m() }}]')

# --- macros ------------------------------------------------------------------------------------
case('macro.defaults', '{% macro m(a, b=2, c="x") %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(1) }} {{ m(1, 3) }} {{ m(1, c="y") }} {{ m(a=5) }}')
case('macro.varargs-kwargs', '{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, k=4) }}')
case('macro.kwargs-only', '{% macro m() %}{% for k, v in kwargs.items() %}{{ k }}={{ v }};{% endfor %}{% endmacro %}{{ m(a=1, b=2) }}')
case('macro.too-many-args', '{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}')
case('macro.unknown-kwarg', '{% macro m(a) %}{{ a }}{% endmacro %}{{ m(b=1) }}')
case('macro.missing-arg', '{% macro m(a, b) %}[{{ a }}][{{ b }}]{% endmacro %}{{ m(1) }}')
case('macro.call-star-args', '{% macro m(a, b, c=0) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{% set args = [1, 2] %}{% set kw = {"c": 3} %}{{ m(*args) }} {{ m(*args, **kw) }} {{ m(1, **{"b": 5}) }}')
case('macro.trailing-comma-call', '{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ m(1, 2,) }} {{ m(a=1, b=2,) }}')
case('macro.trailing-comma-def', '{% macro m(a, b=1,) %}{{ a }}{{ b }}{% endmacro %}{{ m(0) }}')
case('macro.caller', '{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap("b") %}inside {{ 1 + 1 }}{% endcall %}')
case('macro.caller-args', '{% macro each(items) %}{% for i in items %}{{ caller(i, loop.index) }}{% endfor %}{% endmacro %}{% call(x, n) each(["a", "b"]) %}{{ n }}:{{ x }} {% endcall %}')
case('macro.recursive', '{% macro fact(n) %}{{ 1 if n <= 1 else n * fact(n - 1) | int }}{% endmacro %}{{ fact(5) }}')
case('macro.returns-string', '{% macro m() %} 42 {% endmacro %}{{ m() | trim | int + 1 }} {{ m() | length }}')
case('macro.closure-late-binding', '{% set x = 1 %}{% macro m() %}{{ x }}{% endmacro %}{% set x = 2 %}{{ m() }}')
case('macro.attributes', '{% macro m(a, b=1) %}{% endmacro %}{{ m.name }} {{ m.arguments }} {{ m.catch_kwargs }}')
case('macro.default-refers-arg', '{% macro m(a, b=none) %}{{ b if b is not none else a }}{% endmacro %}{{ m(1) }}{{ m(1, 2) }}')
case('macro.kwargs-to-dict', '{% macro m() %}{{ kwargs | dictsort }}{% endmacro %}{{ m(z=1, a=2) }}')
case('macro.call-dict-kwargs', "{{ dict(a=1, b=2) }} {{ dict({'x': 1}, y=2) }}")

# --- tests (is ...) ----------------------------------------------------------------------------
case('test.defined', '{{ x is defined }} {{ y is defined }} {{ y is undefined }} {{ d.k is defined }} {{ d.z is defined }}', {'x': None, 'd': {'k': 1}})
case('test.none', '{{ x is none }} {{ 0 is none }} {{ x is not none }}', {'x': None})
case('test.types', "{{ 'a' is string }} {{ 1 is string }} {{ {} is mapping }} {{ [] is mapping }} {{ [] is iterable }} {{ 'a' is iterable }} {{ 1 is iterable }} {{ 1 is number }} {{ 1.5 is number }} {{ 'a' is number }} {{ [] is sequence }} {{ 'a' is sequence }}")
case('test.int-float', '{{ 1 is integer }} {{ 1.0 is integer }} {{ 1.0 is float }} {{ 1 is float }} {{ true is boolean }} {{ 1 is boolean }} {{ true is number }}')
case('test.numbers', '{{ 3 is odd }} {{ 4 is even }} {{ 9 is divisibleby 3 }} {{ 9 is divisibleby(2) }}')
case('test.compare', "{{ 1 is eq 1 }} {{ 2 is gt 1 }} {{ 1 is lt 2 }} {{ 2 is ge 2 }} {{ 1 is le 0 }} {{ 1 is ne 2 }} {{ 'a' is equalto 'a' }} {{ 1 is sameas 1 }} {{ none is sameas none }}")
case('test.in-test', "{{ 'a' is in ['a'] }} {{ 3 is in [1, 2] }}")
case('test.case', "{{ 'ab' is lower }} {{ 'AB' is upper }} {{ 'aB' is lower }}")
case('test.bools', '{{ true is true }} {{ 1 is true }} {{ false is false }} {{ none is false }}')
case('test.callable', '{% macro m() %}{% endmacro %}{{ m is callable }} {{ 1 is callable }} {{ range is callable }}')
case('test.filter-test-exists', "{{ 'upper' is filter }} {{ 'nope' is filter }} {{ 'odd' is test }}")
case('test.in-select', '{{ [1, 2, 3, 4] | select("odd") | list }} {{ [1, 2, 3] | reject("equalto", 2) | list }} {{ [1, 5, 9] | select(">", 3) | list }}')

# --- filters -----------------------------------------------------------------------------------
case('f.map-attribute', "{{ l | map(attribute='name') | join(',') }} {{ l | map(attribute='x', default='d') | list }}", {'l': [{'name': 'a'}, {'name': 'b', 'x': 1}]})
case('f.map-filter', "{{ ['a', 'b'] | map('upper') | join(',') }} {{ [1.5, 2.5] | map('int') | list }} {{ ['a', 'b'] | map('replace', 'a', 'z') | list }}")
case('f.map-nested-attribute', "{{ l | map(attribute='a.b') | list }} {{ l | map(attribute='c.0') | list }}", {'l': [{'a': {'b': 1}, 'c': [9]}]})
case('f.map-attribute-index', '{{ rows | map(attribute=0) | list }}', {'rows': [[1, 'x'], [2, 'y']]})
case('f.unique', "{{ [1, 2, 1, 3, 2] | unique | list }} {{ ['a', 'A', 'b'] | unique | list }} {{ ['a', 'A'] | unique(case_sensitive=true) | list }} {{ l | unique(attribute='k') | map(attribute='v') | list }}", {'l': [{'k': 1, 'v': 'a'}, {'k': 1, 'v': 'b'}, {'k': 2, 'v': 'c'}]})
case('f.max-min', "{{ [3, 1, 2] | max }} {{ [3, 1, 2] | min }} {{ ['b', 'A', 'c'] | max }} {{ ['b', 'A', 'c'] | min }} {{ l | max(attribute='n') }} {{ [] | max }}", {'l': [{'n': 1}, {'n': 5}]})
case('f.sum', "{{ [1, 2, 3] | sum }} {{ [1.5, 2] | sum }} {{ l | sum(attribute='n') }} {{ [1] | sum(start=10) }}", {'l': [{'n': 1}, {'n': 5}]})
case('f.select-reject', "{{ [0, 1, '', 'a', none] | select | list }} {{ [0, 1, '', 'a', none] | reject | list }} {{ [1, none, 2] | reject('none') | list }}")
case('f.selectattr', "{{ l | selectattr('on') | map(attribute='n') | list }} {{ l | rejectattr('on') | map(attribute='n') | list }} {{ l | selectattr('n', 'equalto', 2) | map(attribute='n') | list }} {{ l | selectattr('n', '>', 1) | map(attribute='n') | list }}", {'l': [{'n': 1, 'on': True}, {'n': 2, 'on': False}, {'n': 3, 'on': True}]})
case('f.selectattr-defined', "{{ l | selectattr('x', 'defined') | map(attribute='n') | list }}", {'l': [{'n': 1, 'x': 0}, {'n': 2}]})
case('f.join', "{{ [1, 2] | join }} {{ [1, 2] | join(', ') }} {{ l | join(',', attribute='n') }} {{ 'abc' | join('-') }}", {'l': [{'n': 1}, {'n': 2}]})
case('f.default', "[{{ x | default('d') }}] [{{ none | default('d') }}] [{{ '' | default('d') }}] [{{ '' | default('d', true) }}] [{{ 0 | d('z', boolean=true) }}] [{{ y | default }}]", {'y': 'set'})
case('f.format', "{{ '%s=%s' | format('a', 1) }} {{ '%(x)s' | format(x='k') }} {{ '%.1f' | format(2.345) }}")
case('f.replace', "{{ 'aaa' | replace('a', 'b') }} {{ 'aaa' | replace('a', 'b', 1) }} {{ 'a.b' | replace('.', '') }}")
case('f.trim', "[{{ '  a  ' | trim }}] [{{ 'xxaxx' | trim('x') }}] [{{ '\\n a \\t' | trim }}]")
case('f.case', "{{ 'aB' | lower }} {{ 'aB' | upper }} {{ 'hello world' | title }} {{ 'hELLO' | capitalize }}")
case('f.list', "{{ 'ab' | list }} {{ (1, 2) | list }} {{ {'a': 1} | list }} {{ range(2) | list }}")
case('f.length', "{{ [1, 2] | length }} {{ 'abc' | length }} {{ {'a': 1} | length }} {{ [1] | count }}")
case('f.first-last', "{{ [1, 2, 3] | first }} {{ [1, 2, 3] | last }} {{ 'abc' | first }} {{ 'abc' | last }} [{{ [] | first }}]")
case('f.sort', "{{ [3, 1, 2] | sort }} {{ [3, 1, 2] | sort(reverse=true) }} {{ ['b', 'A', 'c'] | sort }} {{ ['b', 'A', 'c'] | sort(case_sensitive=true) }} {{ l | sort(attribute='n') | map(attribute='n') | list }}", {'l': [{'n': 3}, {'n': 1}]})
case('f.sort-multi-attr', "{{ l | sort(attribute='a,b') | map(attribute='b') | list }}", {'l': [{'a': 2, 'b': 1}, {'a': 1, 'b': 3}, {'a': 1, 'b': 2}]})
case('f.groupby', "{% for g in l | groupby('k') %}{{ g.grouper }}:{{ g.list | map(attribute='v') | join(',') }};{% endfor %} {% for k, items in l | groupby('k') %}{{ k }}{{ items | length }}{% endfor %}", {'l': [{'k': 'b', 'v': 1}, {'k': 'a', 'v': 2}, {'k': 'b', 'v': 3}]})
case('f.dictsort', "{{ {'b': 1, 'a': 2} | dictsort }} {{ {'b': 1, 'a': 2} | dictsort(by='value') }} {{ {'b': 1, 'a': 2} | dictsort(reverse=true) }}")
case('f.batch', "{{ [1, 2, 3, 4, 5] | batch(2) | list }} {{ [1, 2, 3] | batch(2, 'x') | list }}")
case('f.slice', '{{ [1, 2, 3, 4, 5] | slice(2) | list }}')
case('f.int-float-string', "{{ '3' | int }} {{ '3.7' | int }} {{ 3.7 | int }} {{ 'x' | int }} {{ 'x' | int(5) }} {{ '3' | float }} {{ 2 | float }} {{ 'x' | float }} {{ 3 | string }} {{ none | string }} {{ true | string }} {{ '0x1A' | int(base=16) }}")
case('f.tojson', "{{ [1, 'a', none, true] | tojson }} {{ {'b': 1, 'a': '<x>'} | tojson }} {{ 'it\\'s' | tojson }} {{ {'a': [1, 2]} | tojson(indent=2) }}")
case('f.abs-round', '{{ -3 | abs }} {{ 2.567 | round }} {{ 2.567 | round(2) }} {{ 2.5 | round }} {{ 3.5 | round }} {{ 2.1 | round(0, "ceil") }} {{ 2.9 | round(0, "floor") }} {{ 1234 | round(-2) }}')
case('f.reverse', "{{ [1, 2, 3] | reverse | list }} {{ 'abc' | reverse }}")
case('f.attr-filter', "{{ d | attr('a') }}", {'d': {'a': 1}})
case('f.center-indent', "[{{ 'ab' | center(6) }}] {{ 'a\\nb' | indent(2) }} {{ 'a\\nb' | indent(2, first=true) }}")
case('f.wordcount-truncate', "{{ 'a b  c' | wordcount }} {{ 'hello world foo' | truncate(11) }} {{ 'hello' | truncate(10) }}")
case('f.escape-safe', "{{ '<a & b>' | e }} {{ '<x>' | safe }} {{ '<a>' | escape | length }}")
case('f.items', "{{ {'a': 1} | items | list }}")
case('f.striptags-urlencode', "{{ '<b>x</b>  y' | striptags }} {{ 'a b&c' | urlencode }}")
case('f.chained', "{{ ' A,b ' | trim | lower | replace(',', ';') | upper }}")
case('f.filter-on-call-result', "{{ 'a,b'.split(',') | map('upper') | join('|') }}")
case('f.xmlattr-skip', "{{ [3, 2, 1] | sort | first }}")
case('f.wordwrap', "{{ 'aaa bbb ccc' | wordwrap(7) }}")
case('f.pprint', "{{ {'a': 1} | pprint }}")
case('f.unknown-filter', '{{ 1 | nosuchfilter }}')

# --- dbt's text filters ------------------------------------------------------------------------
case('dbt.as-bool', "{{ 'True' | as_bool }} {{ 'false' | as_bool }} {{ true | as_bool }} {{ 'yes' | as_bool }}")
case('dbt.as-number', "{{ '5' | as_number }} {{ '5.5' | as_number }} {{ 'x' | as_number }} {{ 5 | as_number }}")
case('dbt.as-text', "{{ 5 | as_text }} {{ none | as_text }} {{ [1] | as_text }}")
case('dbt.as-native', "{{ '[1, 2]' | as_native }} {{ ('[1, 2]' | as_native) | length }} {{ '{\"a\": 1}' | as_native }} {{ 'plain' | as_native }} {{ '3' | as_native + 1 }}")

# --- global functions --------------------------------------------------------------------------
case('g.namespace-methods', '{% set ns = namespace(a=1) %}{% set ns.b = 2 %}{{ ns.a }}{{ ns.b }}[{{ ns.c }}]')
case('g.namespace-from-dict', "{% set ns = namespace({'a': 1}, b=2) %}{{ ns.a }}{{ ns.b }}")
case('g.cycler-joiner', "{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{% set j = joiner(',') %}{% for x in [1, 2, 3] %}{{ j() }}{{ x }}{% endfor %}")
case('g.dict', "{{ dict(a=1) }} {{ dict() }}")
case('g.undefined-call-error', '{{ nosuchfunction() }}')

# --- dbt return() and macro files --------------------------------------------------------------
M1 = """
{% macro get_cols() %}{{ return(['a', 'b']) }}{% endmacro %}
{% macro early(x) %}
  {%- if x -%}{{ return('early') }}{%- endif -%}
  late
{% endmacro %}
{% macro do_return() %}before{% do return('done') %}after{{ 1 / 0 }}{% endmacro %}
{% macro nested_caller() %}{% set v = get_cols() %}{{ return(v + ['c']) }}{% endmacro %}
{% macro returns_dict() %}{{ return({'k': 1, 'n': none}) }}{% endmacro %}
{% macro inner() %}{{ return('inner') }}{% endmacro %}
{% macro outer() %}[{{ inner() }}]{% endmacro %}
{% macro in_loop() %}{% for i in [1, 2, 3] %}{% if i == 2 %}{{ return(i) }}{% endif %}{% endfor %}{{ return(0) }}{% endmacro %}
{% macro ret_none() %}{{ return(none) }}{% endmacro %}
{% macro ret_bool(b) %}{{ return(b == 'x') }}{% endmacro %}
{% macro uses_other(x) %}{{ helper(x) | trim }}!{% endmacro %}
{% macro helper(x) %} h{{ x }} {% endmacro %}
{% macro _private() %}{{ return('private') }}{% endmacro %}
{% macro with_default(a, b=['d']) %}{{ return(b) }}{% endmacro %}
"""
case('return.list', '{{ get_cols() }} {{ get_cols() | join(",") }} {{ get_cols() | length }}', macros=M1)
case('return.stops-macro', '[{{ early(true) }}] [{{ early(false) | trim }}]', macros=M1)
case('return.do-stops', '[{{ do_return() }}]', macros=M1)
case('return.value-types', '{{ nested_caller() }} {{ returns_dict() }} {{ returns_dict().k }} {{ ret_none() is none }} {{ ret_bool("x") }} {{ ret_bool("y") }}', macros=M1)
case('return.inner-does-not-stop-outer', '{{ outer() }}', macros=M1)
case('return.in-loop', '{{ in_loop() }}', macros=M1)
case('return.macro-calls-macro', '{{ uses_other(1) }}', macros=M1)
case('return.private-callable', '{{ _private() }}', macros=M1)
case('return.set-from-macro', '{% set cols = get_cols() %}{% for c in cols %}{{ c }}{% endfor %}{{ cols[-1] }}', macros=M1)
case('return.default-list', '{{ with_default(1) }} {{ with_default(1, b=[2]) }}', macros=M1)
case('return.append-to-returned', '{% set cols = get_cols() %}{% do cols.append("z") %}{{ cols }} {{ get_cols() }}', macros=M1)

M2 = """
{% test my_test(model, column_name, flag=True) %}select {{ column_name }} from {{ model }}{% if flag %} where x{% endif %}{% endtest %}
{% macro quoted(values, quote=True) %}{% for v in values %}{% if quote %}'{{ v }}'{% else %}{{ v }}{% endif %}{% if not loop.last %},{% endif %}{% endfor %}{% endmacro %}
"""
case('dbt.test-block', "{{ test_my_test('t', 'c') }} | {{ test_my_test(model='t', column_name='c', flag=False) }}", macros=M2)
case('dbt.quote-true', "{{ quoted(['a', 'b']) }} {{ quoted([1, 2], quote=False) }} {{ quoted(['a'], quote=True) }}", macros=M2)

# --- dbt context functions ---------------------------------------------------------------------
case('ctx.zip', "{{ zip([1, 2], ['a', 'b']) | list }} {% for a, b in zip(['x'], ['y']) %}{{ a }}{{ b }}{% endfor %}")
case('ctx.set', "{{ set([3, 1, 3]) | sort }} {{ set([1, 1]) | length }} {{ 2 in set([1, 2]) }}")
case('ctx.tojson-fromjson', "{{ tojson({'b': 1, 'a': [none, true]}) }} {{ fromjson('{\"x\": [1, 2]}').x[1] }} {{ tojson({'b': 1, 'a': 2}, sort_keys=true) }}")
case('ctx.fromyaml-toyaml', "{{ fromyaml('a: 1\\nb: [x, y]').b[1] }} {{ toyaml({'a': 1}) | trim }}")
case('ctx.local-md5', "{{ local_md5('hello') }}")
case('ctx.re', "{{ modules.re.sub('[0-9]+', '#', 'a1b22') }} {{ modules.re.match('a(b)', 'abc').group(1) }} {{ modules.re.search('z', 'abc') is none }} {{ modules.re.findall('[a-z]', 'a1b2') }} {{ modules.re.split(',\\\\s*', 'a, b,c') }}")
case('ctx.re-compile', "{% set p = modules.re.compile('^stg_(.*)$') %}{{ p.match('stg_orders').group(1) }} {{ p.match('x') is none }}")
case('ctx.re-ignorecase', "{{ modules.re.sub('A', 'x', 'aA', flags=modules.re.IGNORECASE) }}")
case('ctx.raise-compiler-error', "{{ exceptions.raise_compiler_error('bad thing') }}")
case('ctx.log-print', "[{{ log('x') }}][{{ log('x', info=True) }}]")
case('ctx.datetime', "{{ modules.datetime.datetime(2024, 3, 5, 14, 7).strftime('%Y-%m-%d %H:%M') }} {{ modules.datetime.date(2024, 1, 31).isoformat() }} {{ (modules.datetime.date(2024, 3, 1) - modules.datetime.timedelta(days=1)).day }}")
case('ctx.datetime-strptime', "{{ modules.datetime.datetime.strptime('2024-02-03', '%Y-%m-%d').strftime('%d/%m/%Y') }}")

# --- more of what packages write -----------------------------------------------------------------
case('pkg.default-refers-earlier-arg', '{% macro m(a, b=a ~ "!") %}{{ b }}{% endmacro %}{{ m("x") }}')
case('pkg.nested-macro', '{% macro outer(x) %}{% macro inner(y) %}<{{ y }}>{% endmacro %}{{ inner(x) }}{{ inner(x ~ x) }}{% endmacro %}{{ outer("a") }}')
case('pkg.caller-undefined', '{% macro m() %}[{{ caller is defined }}]{% endmacro %}{{ m() }}')
case('pkg.set-in-call-body', '{% macro wrap() %}{{ caller() }}{% endmacro %}{% set x = 1 %}{% call wrap() %}{% set x = 2 %}{{ x }}{% endcall %}{{ x }}')
case('pkg.percent-tuple-one', "{{ '%s!' % (1,) }} {{ '%s-%s' % ['a', 'b'] if false else 'skip' }}")
case('pkg.none-compare-error', '{{ none < 1 }}')
case('pkg.inline-if-undefined', '[{{ 1 if nothing }}]')
case('pkg.in-none-error', "{{ 'a' in none }}")
case('pkg.map-string-join', '{{ [1, 2, 3] | map("string") | join(", ") }}')
case('pkg.default-missing-key', "{{ d['missing'] | default(1) }} {{ d.missing | default('z') }} {{ d.k | default('z') }}", {'d': {'k': None}})
case('pkg.first-of-empty-defined', '{{ [] | first is defined }} {{ [1] | first is defined }}')
case('pkg.unicode', "{{ 'Pérez' | length }} {{ 'Pérez' | upper }} {{ 'Pérez'[1] }} {{ 'Hülkenberg'.title() }}")
case('pkg.accepted-values-ws', """select * from t
where x not in (
  {%- for value in values -%}
  '{{ value }}'
  {%- if not loop.last -%},{%- endif -%}
  {%- endfor -%}
)""", {'values': ['a', 'b', 'c']})
case('pkg.sql-block-ws', """{%- macro cols(names) -%}
  {%- for n in names %}
    {{ n }}{{ ',' if not loop.last }}
  {%- endfor %}
{%- endmacro -%}
select
{{- cols(['a', 'b']) }}
from t
""")
case('pkg.select-in', "{{ ['a', 'b', 'c'] | select('in', ['a', 'c']) | list }} {{ ['a', 'b'] | reject('in', ['a']) | list }}")
case('pkg.dict-comprehension-like', "{% set d = {} %}{% for k in ['x', 'y'] %}{% do d.update({k ~ '_id': loop.index0}) %}{% endfor %}{{ d | tojson }}")
case('pkg.string-compare-chain', "{{ 'a' < 'b' < 'c' }} {{ 1 == 1 == 1 }} {{ 1 != 2 != 1 }}")
case('pkg.list-index-assignment-method', "{% set l = ['a', 'b'] %}{% do l.__setitem__(0, 'z') if false %}{{ l }}")
case('pkg.is-sequence-vs-string', "{% for v in ['a', ['b'], {'c': 1}, 1] %}{{ v is string }}{{ v is sequence }}{{ v is iterable }};{% endfor %}")
case('pkg.int-of-float-string', "{{ '1.9' | int }} {{ -1.9 | int }} {{ '  42 ' | int }} {{ 'nan' | float }}")
case('pkg.join-mixed', "{{ ['a', 1, none, true] | join('-') }}")
case('pkg.replace-in-loop', "{% for c in ['A B', 'C-D'] %}{{ c | lower | replace(' ', '_') | replace('-', '_') }}{{ ',' if not loop.last }}{% endfor %}")
case('pkg.var-none-default', "{{ x if x is not none else 'fallback' }} {{ (y or []) | length }}", {'x': None, 'y': None})
case('pkg.format-named', "{{ '{a}-{b}'.format(a=1, b='x') }} {{ '{0:03d}|{1:<3}|{2:^5}|'.format(7, 'ab', 'c') }} {{ '{:,}'.format(1234567) }}")
case('pkg.round-filter-int', "{{ (7 / 2) | round | int }} {{ 2.675 | round(2) }} {{ 0.5 | round }} {{ -0.5 | round }}")
case('pkg.title-rules', "{{ \"they're bill's (friend)-x\" | title }} {{ \"they're 1st\".title() }}")
case('pkg.title-unicode', "{{ 'hülkenberg pérez' | title }} {{ 'ÉCOLE x' | capitalize }}")

# --- differential extras (checked against Jinja2 while building the engine) --------------------
case('extra.01', '  {%- if true %}\n  x\n  {%- endif %}  \n')
case('extra.02', 'a\n{#- c #}\nb\n{# c -#}\n c')
case('extra.03', '{% raw -%}  {{ x }}  {%- endraw %}')
case('extra.04', '{%- for i in range(3) -%}\n  {{ i }}\n{%- endfor -%}\n')
case('extra.05', '{% for i in range(2) %}{% for j in range(2) %}{% if j %}{% break %}{% endif %}{{ i }}{{ j }}{% endfor %}{% endfor %}')
case('extra.06', '{% macro m(x) -%}\n  [{{ x }}]\n{%- endmacro -%}\n{{ m(1) }}\n{{ m(2) }}')
case('extra.07', "{% set x -%}\n  a\n  b\n{%- endset %}{{ x | replace('\\n', '|') }}")
case('extra.08', '{{ \'a\\\\b\' }} {{ "\\x41\\u00e9" }} {{ \'tab\\there\' | length }}')
case('extra.09', '{% macro list_call() %}{% for i in [1, 2] %}{{ caller(i) }}{% endfor %}{% endmacro %}{% call(n) list_call() %}<{{ n * 10 }}>{% endcall %}')
case('extra.10', '{% macro a() %}{{ b() }}{% endmacro %}{% macro b() %}B{% endmacro %}{{ a() }}')
case('extra.11', '{% for x in [1,2,3] if x > 1 %}{{ loop.index }}/{{ loop.length }}{% else %}none{% endfor %}')
case('extra.12', '{% for x in [] if x %}a{% else %}empty{% endfor %}')
case('extra.13', '{% set ns = namespace(found=false) %}{% for x in [1,2] %}{% if x == 2 %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }}')
case('extra.14', "{{ [1,2,3] | map('string') | map('upper') | join }}")
case('extra.15', "{% filter replace('a', 'b') | upper %}aaa{% endfilter %}")
case('extra.16', "{% set a, b = 'xy' %}{{ b }}{{ a }}")
case('extra.17', "{% for k, v in [['a', 1], ['b', 2]] %}{{ k }}{{ v }}{% endfor %}")
case('extra.18', '{{ (1 if true else 2) + 3 }} {{ 1 if true else 2 + 3 }}')
case('extra.19', '{{ 1 + 2 if false else 0 }}')
case('extra.20', "{{ 'a' 'b' ~ 'c' }}")
case('extra.21', '{{ not true == false }} {{ (not true) == false }}')
case('extra.22', '{{ 2 * -3 }} {{ - 2 ** 2 }} {{ (-2) ** 2 }} {{ 2 ** -2 }}')
case('extra.23', '{{ x.y.z is defined }}')
case('extra.24', "{{ {'a': {'b': 1}}['a'].b }} {{ [[1, 2]][0][1] }}")
case('extra.25', "{{ 'abc'.upper().lower().replace('b', 'x') }}")
case('extra.26', "{{ '  a,b , c '.split(',') | map('trim') | list }}")
case('extra.27', "{{ ''.join(['a', 'b']) }} {{ '-'.join('abc') }}")
case('extra.28', "{{ 'x=%s' | format(none) }} {{ '%s' | format([1]) }}")
case('extra.29', "{{ [1, 2, 3] | reject('odd') | list }} {{ [1, 2, 3] | select('divisibleby', 3) | list }}")
case('extra.30', "{{ 'a' in ['a'] and 'b' not in ['a'] }}")
case('extra.31', "{{ [] | join(',') }}|{{ [] | sum }}|{{ [] | list }}|{{ [] | length }}")
case('extra.32', "{{ {'a': 1} | length }} {{ {} | list }} {{ {'x': 1} | first }}")
case('extra.33', '{% set l = [] %}{{ l.append(1) }}{{ l.pop() }}{{ l }}')
case('extra.34', '{{ 10 | string | length }} {{ 3.0 | int | string }}')
case('extra.35', "{{ '%5s|%-5s|%05.1f' % ('a', 'b', 3.14159) }}")
case('extra.b01', '{% set x = [3,1,2] %}{{ x|sort|reverse|list }} {{ x|max }} {{ (x|sum) / x|length }}')
case('extra.b02', "{{ '%-10s|%+d|% d|%#x|%#o' % ('ab', 5, 5, 255, 8) }}")
case('extra.b03', "{{ '{:>8.3f}|{:+.1e}|{:08.2f}|{:x}|{:b}|{!r}'.format(3.14159, 12345.678, -3.5, 255, 5, 'q') }}")
case('extra.b04', '{{ 1e300 * 1e10 }} {{ -1e300 * 1e10 }}')
case('extra.b05', '{{ 10 ** 15 }} {{ 2 ** 53 }} {{ 12345678901234 * 10 }}')
case('extra.b06', '{{ 0.1 * 3 }} {{ 1/3 }} {{ 2/3 }} {{ 100.0 }} {{ 1.5e-7 }} {{ 123456789012345678.0 }}')
case('extra.b07', "{% for a, b in {'x': [1, 2]}.items() %}{{ a }}{{ b }}{% endfor %}")
case('extra.b08', "{{ [1, [2, [3]]] | tojson }} {{ {'a': none} | tojson }} {{ 'é' | tojson }}")
case('extra.b09', "{{ ('a', 'b') | join('+') }} {{ ('a',) + ('b',) }} {{ [1] * 0 }}")
case('extra.b10', '{% macro m() %}{{ varargs | length }}{% endmacro %}{{ m(1, 2, 3) }}')
case('extra.b11', "{{ 'abc' | batch(2) | list }} {{ 'x,y' | replace(',', '') }}")
case('extra.b12', '{% set a = 1 %}{% with %}{% set a = 2 %}{{ a }}{% endwith %}{{ a }}')
case('extra.b13', "{{ none | default('x', true) }} {{ false | default('y') }} {{ 0 | default(1, boolean=true) }}")
case('extra.b14', "{{ [none, 1] | select('none') | list }} {{ [1, 'a'] | select('string') | list }} {{ [1, 2] | select('ge', 2) | list }}")
case('extra.b15', "{{ {'b': 1, 'a': 2} | dictsort(false, 'value') }}")
case('extra.b16', "{{ [{'a': 1}, {'a': none}] | map(attribute='a') | list }}")
case('extra.b17', "{{ range(5) | batch(2, 0) | map('sum') | list }}")
case('extra.b18', "{{ '  x ' ~ 1 | string | trim }}")
case('extra.b19', '{{ -7 // -2 }} {{ 7 % -3 }} {{ -7.5 // 2 }} {{ 2 ** 0.5 ** 2 }}')
case('extra.b20', '{{ not none is none }} {{ not (none is none) }} {{ 1 is not none and 2 }}')
case('extra.b21', "{% if [] %}a{% elif {} %}b{% elif '' %}c{% else %}d{% endif %}")
case('extra.b22', "{{ [1,2,3][1:][0] }} {{ 'abcdef'[::2][1:] }} {{ [1,2,3][-1:] }} {{ [1,2,3][5:] }} {{ [1,2,3][:-5] }}")
case('extra.b23', '{% set l = [1,2] %}{% set m = l %}{% do m.append(3) %}{{ l }}')
case('extra.b24', "{{ '%s' % {'a': 1} }} {{ '%(a)s' % {'a': [1]} }}")
case('extra.b25', "{{ 3 | float | string }} {{ '3.0' | float | int }} {{ 1e2 | int }}")
case('extra.b26', '{{ [1,2,3] | sum(start=0.5) }} {{ [0.1, 0.2] | sum }}')
case('extra.b27', '{{ (1, 2) == [1, 2] }} {{ (1, 2) == (1, 2) }} {{ [1] < [1, 0] }}')
case('extra.b28', "{{ '%.3s|%5.2s|' % ('abcdef', 'xyz') }}")
case('extra.b29', "{{ 5 | round(-1) }} {{ 15 | round(-1) }} {{ 25.0 | round(-1) }} {{ 1.23456 | round(3, 'floor') }}")
case('extra.b30', "{{ [1, 2, 3, 4] | slice(3) | list }} {{ [1,2,3,4,5] | slice(3, 'x') | list }}")
