"""The AWS CLI v1 itself, run in-process, as the oracle for params.rs tests.

Reads a JSON list of cases on stdin, writes a JSON list of results on stdout:
- {"kind": "cli", "argv": [...]}: `aws codeartifact ...` up to the point a request would be sent:
  {"rc", "params" (repr of the call parameters, or null), "stdout", "stderr"}
- {"kind": "shorthand", "value": s}: repr of ShorthandParser().parse(s), or "ERR <message>"
- {"kind": "json", "value": s}: repr of json.loads(s, object_pairs_hook=OrderedDict), or "ERR ..."
- {"kind": "skeleton_out", "op": "DescribeDomain"}: the output skeleton as --output json prints it
"""
import io
import json
import os
import random
import sys
from collections import OrderedDict

os.environ.update(
    AWS_ACCESS_KEY_ID='x', AWS_SECRET_ACCESS_KEY='y', AWS_DEFAULT_REGION='us-east-1',
    AWS_CONFIG_FILE='/nonexistent', AWS_SHARED_CREDENTIALS_FILE='/nonexistent',
)
# ArgumentGenerator picks an enum value at random; the port shows the first one.
random.choice = lambda seq: seq[0]

import botocore.session  # noqa: E402
from botocore.utils import ArgumentGenerator  # noqa: E402
from awscli.clidriver import create_clidriver  # noqa: E402
from awscli.shorthand import ShorthandParser  # noqa: E402
from awscli.utils import json_encoder  # noqa: E402


class Sent(Exception):
    pass


def run_cli(argv):
    driver = create_clidriver()
    captured = {}

    def before_build(params, **kwargs):
        captured['params'] = repr(params)

    def before_call(**kwargs):
        captured['sent'] = True
        raise Sent()

    driver.session.register('before-parameter-build.codeartifact', before_build)
    driver.session.register('before-call.codeartifact', before_call)
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        rc = driver.main(['codeartifact', '--no-paginate', '--endpoint-url', 'http://127.0.0.1:9'] + argv)
    except SystemExit as e:
        rc = e.code
    except Sent:
        rc = 'sent'
    finally:
        sys.stdout, sys.stderr = saved
    if captured.get('sent'):
        rc, err = 'sent', io.StringIO()
    return {'rc': rc, 'params': captured.get('params'), 'stdout': out.getvalue(), 'stderr': err.getvalue()}


def run_shorthand(value):
    try:
        return repr(ShorthandParser().parse(value))
    except Exception as e:
        return 'ERR ' + str(e)


def run_json(value):
    try:
        return repr(json.loads(value, object_pairs_hook=OrderedDict))
    except (ValueError, RecursionError) as e:
        return 'ERR ' + str(e)


service = botocore.session.get_session().get_service_model('codeartifact')


def run_skeleton_out(op):
    shape = service.operation_model(op).output_shape
    value = ArgumentGenerator(use_member_names=True).generate_skeleton(shape) if shape else {}
    if not value:
        return ''
    return json.dumps(value, indent=4, ensure_ascii=False, default=json_encoder) + '\n'


results = []
for case in json.load(sys.stdin):
    kind = case['kind']
    if kind == 'cli':
        results.append(run_cli(case['argv']))
    elif kind == 'shorthand':
        results.append(run_shorthand(case['value']))
    elif kind == 'json':
        results.append(run_json(case['value']))
    elif kind == 'skeleton_out':
        results.append(run_skeleton_out(case['op']))
json.dump(results, sys.stdout)
