
# ---- appended by tools/build_docsite.sh (from tools/docsite_conf.py) -------------------------
# These machines (and CI) reach no host but the package registries, so intersphinx cannot
# download the inventory of the Ansible docs and every reference antsibull-docs makes into them
# would be a warning, i.e. a failed build (-W). Instead of giving up on -W, the few targets it
# uses are resolved here to their pages on docs.ansible.com; any other unresolved reference
# still fails the build.
intersphinx_mapping = {}

ANSIBLE_DOCS = 'https://docs.ansible.com/projects/ansible/devel/'
ANSIBLE_DOCS_LABELS = {
    'common_return_values': 'reference_appendices/common_return_values.html',
    'ansible_configuration_settings': 'reference_appendices/config.html',
}


def _ansible_docs_reference(app, env, node, contnode):  # pylint: disable=unused-argument
    from docutils import nodes  # pylint: disable=import-outside-toplevel

    target = node.get('reftarget', '')
    if node.get('refdomain') != 'std':
        return None
    if node.get('reftype') == 'ref' and target in ANSIBLE_DOCS_LABELS:
        uri = ANSIBLE_DOCS + ANSIBLE_DOCS_LABELS[target]
    elif node.get('reftype') == 'envvar' and target.startswith('ANSIBLE_'):
        uri = ANSIBLE_DOCS + 'reference_appendices/config.html#envvar-' + target
    else:
        return None
    reference = nodes.reference('', '', internal=False, refuri=uri)
    reference.append(contnode)
    return reference


def setup(app):
    app.connect('missing-reference', _ansible_docs_reference)
