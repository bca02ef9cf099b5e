import { testRule } from '../../../test/rule-tester.js';
import rule from './default-network.js';

testRule(rule, {
  compose: {
    accept: [
      {
        name: 'one service alone on the default network',
        code: 'services:\n  web:\n    image: nginx:1.27\n',
      },
      {
        name: 'every service on a named network',
        code: [
          'services:',
          '  web:',
          '    image: nginx:1.27',
          '    networks: [frontend]',
          '  db:',
          '    image: postgres:17',
          '    networks: [backend]',
          'networks:',
          '  frontend: {}',
          '  backend: {}',
          '',
        ].join('\n'),
      },
      {
        name: 'networks in the mapping form',
        code: 'services:\n  web:\n    image: nginx:1.27\n    networks:\n      app: {}\n  db:\n    image: postgres:17\n    networks:\n      app:\n        aliases: [database]\nnetworks:\n  app: {}\n',
      },
      {
        name: 'the other service uses the host network (D03.host-network)',
        code: 'services:\n  web:\n    image: nginx:1.27\n  agent:\n    image: registry.example.com/agent:1.0\n    network_mode: host\n',
      },
      {
        name: 'a sidecar in the network namespace of another service',
        code: 'services:\n  web:\n    image: nginx:1.27\n    networks: [app]\n  proxy:\n    image: registry.example.com/proxy:1.0\n    network_mode: service:web\nnetworks:\n  app: {}\n',
      },
      {
        name: 'no network at all',
        code: 'services:\n  job:\n    image: registry.example.com/job:1.0\n    network_mode: none\n  web:\n    image: nginx:1.27\n',
      },
    ],
    reject: [
      {
        name: 'two services naming no network, each at its key',
        code: 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n',
        lines: [2, 4],
        messageIncludes: "names no network and shares the project's default network with service",
        severity: 'low',
      },
      {
        name: 'the message names the other service',
        code: 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n    networks: [default]\n',
        lines: [2, 6],
        messageIncludes: 'compose.yaml names no network',
      },
      {
        name: 'several others are counted',
        code: 'services:\n  a:\n    image: x:1\n  b:\n    image: x:1\n  c:\n    image: x:1\n',
        lines: [2, 4, 6],
        messageIncludes: '2 other services',
      },
      {
        name: 'only the services on the default network',
        code: 'services:\n  web:\n    image: nginx:1.27\n  api:\n    image: x:1\n    networks: [backend]\n  db:\n    image: postgres:17\nnetworks:\n  backend: {}\n',
        lines: [2, 7],
      },
      {
        name: "Docker's default bridge",
        code: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: bridge\n',
        lines: [4],
        messageIncludes: 'service "web" in compose.yaml is on Docker\'s default bridge network',
      },
    ],
  },
});
