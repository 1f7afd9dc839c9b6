# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The environment the bootstrap benchmarks converge: a ``devopness_environment_definition`` for the
role (and for the same bootstrap written with ``ansible.builtin.uri``), at a given size."""

from __future__ import absolute_import, division, print_function

#: how many of each kind: ``full`` is 68 resources (the issue asks for at least 60); ``tiny`` runs in the tests:
#: one of each kind the uri playbook treats its own way (daemons stand for the environment kinds it lists,
#: creates, links and deploys alike in tasks/uri_environment_kind.yml; it still lists the empty ones)
SIZES = {
    'full': dict(servers=4, applications=4, variables=5, daemons=6, virtual_hosts=6, certificates=2, services=3,
                 cron_jobs=6, ssh_keys=4, network_rules=6, pipelines=4),
    'tiny': dict(servers=1, applications=1, variables=1, daemons=1, virtual_hosts=1, certificates=1, services=0,
                 cron_jobs=0, ssh_keys=0, network_rules=0, pipelines=1),
}
SERVICE_TYPES = ['redis', 'mysql', 'postgresql', 'nginx', 'php', 'supervisor']
PUBLIC_KEY = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDZqdWCXixF/1q83PKNag01z3FpvdcYJ1gU9+OHOj0ac '
              'bench-%d@example.com')


def definition(size='full', project='bench', name='production'):
    """The environment, and how many resources it holds."""
    n = SIZES[size]
    servers = ['web-%d' % (i + 1) for i in range(n['servers'])]
    apps = ['app-%d' % (i + 1) for i in range(n['applications'])]
    env = dict(
        project=project, name=name, type='production', description='Benchmark environment',
        credentials=[dict(name='bench-github', provider_code='github', settings=dict(auth_type='oauth'))],
        servers=[dict(hostname=host, ip_address='203.0.113.%d' % (i + 10), ssh_port=22,
                      provision_input=dict(cloud_service_code='self-hosted-custom',
                                           settings=dict(os_version_code='ubuntu_24_04')))
                 for i, host in enumerate(servers)],
        applications=[dict(name=app, repository='acme/%s' % app, credential='bench-github', default_branch='main',
                           programming_language='python', framework='django', engine_version='3.12',
                           servers=servers[:2],
                           variables=[dict(key='SETTING_%d' % (v + 1), value='value-%d-%d' % (a, v + 1))
                                      for v in range(n['variables'])])
                      for a, app in enumerate(apps)],
        daemons=[dict(name='worker-%d' % (i + 1), command='python manage.py worker %d' % (i + 1), process_count=1,
                      working_directory='.',
                      run_as_user='devopness', application=apps[i % len(apps)], servers=servers[:1])
                 for i in range(n['daemons'])],
        virtual_hosts=[dict(name='site-%d.example.com' % (i + 1), type='name-based', application=apps[i % len(apps)],
                            application_listen_address='http://127.0.0.1:%d' % (8000 + i), servers=servers[:1])
                       for i in range(n['virtual_hosts'])],
        services=[dict(type=SERVICE_TYPES[i], version='latest', servers=servers[:1]) for i in range(n['services'])],
        cron_jobs=[dict(name='cron-%d' % (i + 1), pattern='0 %d * * *' % i, command='python manage.py task-%d' % i,
                        run_as_user='devopness', application=apps[i % len(apps)], servers=servers[:1])
                   for i in range(n['cron_jobs'])],
        ssh_keys=[dict(name='key-%d' % (i + 1), public_key=PUBLIC_KEY % i, servers=servers[:1])
                  for i in range(n['ssh_keys'])],
        network_rules=[dict(name='rule-%d' % (i + 1), direction='inbound', protocol='tcp', port=8000 + i,
                            cidr_block='0.0.0.0/0', servers=servers[:1]) for i in range(n['network_rules'])],
        pipelines=[dict(name='pipeline-%d' % (i + 1), resource_type='application', resource=apps[i % len(apps)],
                        operation='deploy', steps=[dict(name='Step %d' % (i + 1), command='make step-%d' % i)])
                   for i in range(n['pipelines'])],
    )
    for vhost in env['virtual_hosts'][:n['certificates']]:
        vhost['ssl_certificate'] = dict(issuer='lets-encrypt')
    kinds = ('credentials', 'servers', 'applications', 'daemons', 'virtual_hosts', 'services', 'cron_jobs', 'ssh_keys',
             'network_rules', 'pipelines')
    count = 2 + sum(len(env[kind]) for kind in kinds)
    count += n['certificates'] + n['applications'] * n['variables']
    return env, count


#: the role converges each of these kinds with one task (its module's bulk list), whatever its number of items;
#: also the pipelines and the variables of all applications, whose items each name their own parent
BULK_KINDS = ('servers', 'applications', 'daemons', 'virtual_hosts', 'services', 'cron_jobs', 'ssh_keys',
              'network_rules')


def module_tasks(env):
    """How many module runs the role makes for ``env``: one for each kind in BULK_KINDS that has items, one for
    all the pipelines and one for all the applications' variables, one per item of the others (credentials,
    certificates)."""
    return (2 + len(env['credentials']) + (1 if env['pipelines'] else 0)
            + len([kind for kind in BULK_KINDS if env[kind]])
            + len([v for v in env['virtual_hosts'] if 'ssl_certificate' in v])
            + (1 if any(a.get('variables') for a in env['applications']) else 0))
