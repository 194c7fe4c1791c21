#!/usr/bin/env python3
"""
Renders every case of cases.py with real Jinja2, configured as dbt configures it for SQL (a
sandboxed environment with the `do` and `loopcontrols` extensions, dbt's text filters, dbt's
`{% test %}` tag, `return()` raising out of the macro that calls it, dbt's context functions), and
writes test/fixtures/jinja/conformance.json. Run: python3 scripts/jinja-expectations/generate.py

The TypeScript conformance test reads only the JSON, so CI needs no Python.
"""
import datetime
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys

import jinja2
import jinja2.ext
import jinja2.sandbox
import yaml
from jinja2 import nodes

sys.path.insert(0, os.path.dirname(__file__))
from cases import C  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'jinja', 'conformance.json')


class MacroReturn(Exception):
    """What dbt's return() raises; the macro wrapper turns it into the call's value."""

    def __init__(self, value):
        self.value = value


class CompilationError(Exception):
    pass


class TestExtension(jinja2.ext.Extension):
    """dbt's {% test name(args) %}: a macro named test_<name>."""

    tags = {'test'}

    def parse(self, parser):
        node = nodes.Macro(lineno=next(parser.stream).lineno)
        name = parser.parse_assign_target(name_only=True).name
        parser.parse_signature(node)
        node.name = 'test_' + name
        node.body = parser.parse_statements(('name:endtest',), drop_needle=True)
        return node


def make_env():
    env = jinja2.sandbox.SandboxedEnvironment(
        extensions=['jinja2.ext.do', 'jinja2.ext.loopcontrols', TestExtension]
    )
    # dbt's text filters: in SQL rendering they return the value unchanged.
    for name in ('as_text', 'as_bool', 'as_native', 'as_number'):
        env.filters[name] = lambda x: x
    return env


class MacroGenerator:
    """A dbt macro: built lazily against the full context, return() caught at its boundary."""

    def __init__(self, env, ast, name, ctx):
        self.env, self.ast, self.name, self.ctx = env, ast, name, ctx
        self.macro = None

    def __call__(self, *args, **kwargs):
        if self.macro is None:
            code = self.env.compile(nodes.Template([self.ast], lineno=1))
            template = self.env.template_class.from_code(self.env, code, self.env.make_globals(None))
            module = template.make_module(vars=self.ctx, shared=False)
            # dbt prefixes macro names so that `_private` ones are exported too.
            self.macro = module.__dict__['dbt_macro__' + self.name]
        try:
            return self.macro(*args, **kwargs)
        except MacroReturn as e:
            return e.value


def dbt_return(value):
    raise MacroReturn(value)


def raise_compiler_error(msg):
    raise CompilationError(msg)


def dbt_zip(*args, default=None):
    try:
        return zip(*args)
    except TypeError:
        return default


def dbt_set(value, default=None):
    try:
        return set(value)
    except TypeError:
        return default


def dbt_tojson(value, default=None, sort_keys=False):
    try:
        return json.dumps(value, sort_keys=sort_keys)
    except ValueError:
        return default


def dbt_fromjson(string, default=None):
    try:
        return json.loads(string)
    except ValueError:
        return default


def dbt_toyaml(value, default=None, sort_keys=False):
    try:
        return yaml.safe_dump(data=value, sort_keys=sort_keys)
    except yaml.YAMLError:
        return default


def dbt_fromyaml(value, default=None):
    try:
        return yaml.safe_load(value)
    except yaml.YAMLError:
        return default


def base_context():
    return {
        'return': dbt_return,
        'zip': dbt_zip,
        'set': dbt_set,
        'set_strict': set,
        'tojson': dbt_tojson,
        'fromjson': dbt_fromjson,
        'toyaml': dbt_toyaml,
        'fromyaml': dbt_fromyaml,
        'local_md5': lambda s: hashlib.md5(s.encode('utf-8')).hexdigest(),
        'log': lambda msg, info=False: '',
        'print': lambda msg: '',
        'exceptions': {'raise_compiler_error': raise_compiler_error, 'warn': lambda msg, node=None: ''},
        'modules': {'re': re, 'datetime': datetime, 'itertools': itertools},
    }


def error_kind(e):
    if isinstance(e, jinja2.TemplateSyntaxError):
        return 'syntax'
    if isinstance(e, jinja2.UndefinedError):
        return 'undefined'
    if isinstance(e, CompilationError):
        return 'compiler'
    return 'runtime'


def render(case):
    env = make_env()
    ctx = base_context()
    ctx.update(case['ctx'])
    if case.get('macros'):
        ast = env.parse(case['macros'])
        for node in ast.body:
            if isinstance(node, nodes.Macro):
                name = node.name
                node.name = 'dbt_macro__' + name
                ctx[name] = MacroGenerator(env, node, name, ctx)
    try:
        return {'output': env.from_string(case['template']).render(ctx)}
    except Exception as e:  # noqa: BLE001 - every failure is an expected outcome to record
        return {'error': error_kind(e), 'message': f'{type(e).__name__}: {e}'}


def main():
    seen = set()
    out = []
    for case in C:
        if case['id'] in seen:
            raise SystemExit(f'duplicate case id {case["id"]}')
        seen.add(case['id'])
        entry = {'id': case['id'], 'template': case['template']}
        if case['ctx']:
            entry['ctx'] = case['ctx']
        if case.get('macros'):
            entry['macros'] = case['macros']
        entry.update(render(case))
        out.append(entry)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump({'jinja2': jinja2.__version__, 'cases': out}, f, indent=1, ensure_ascii=False)
        f.write('\n')
    # Keep the file as the repository's formatter writes it (`npm run lint` checks it).
    try:
        subprocess.run(['npx', 'prettier', '--write', OUT], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f'note: prettier did not run ({e}); run npx prettier --write {OUT}')
    errors = sum(1 for e in out if 'error' in e)
    print(f'{len(out)} cases ({errors} expect an error) -> {os.path.relpath(OUT)}')


if __name__ == '__main__':
    main()
