import { k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './service-account-token.js';

testRule(rule, {
  kubernetes: {
    accept: [
      {
        name: 'automountServiceAccountToken: false',
        code: k8sDeployment('', 'automountServiceAccountToken: false'),
      },
      {
        name: 'false, with a dedicated service account',
        code: k8sDeployment('', 'serviceAccountName: web\nautomountServiceAccountToken: false'),
      },
      {
        name: "the pod's ServiceAccount turns the token off",
        code: `${k8sDeployment('', 'serviceAccountName: web')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\nautomountServiceAccountToken: false\n`,
      },
      {
        name: "the namespace's default ServiceAccount turns the token off",
        code: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: false\n---\n${k8sDeployment('')}`,
      },
      {
        name: 'a ConfigMap has no token',
        code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n',
      },
    ],
    reject: [
      {
        name: 'the ServiceAccount of another name does not count',
        code: `${k8sDeployment('', 'serviceAccountName: web')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: other\n  namespace: shop\nautomountServiceAccountToken: false\n`,
        lines: [10],
        severity: 'low',
      },
      {
        name: "the pod's own true wins over its ServiceAccount's false",
        code: `${k8sDeployment('', 'automountServiceAccountToken: true')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: false\n`,
        lines: [12],
        severity: 'medium',
      },
      {
        name: 'not set: low',
        code: k8sDeployment(''),
        lines: [10],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml gets the service-account token mounted',
        severity: 'low',
      },
      {
        name: 'explicitly true: medium, at the setting',
        code: k8sDeployment('', 'automountServiceAccountToken: true'),
        lines: [12],
        messageIncludes: 'has its service-account token mounted explicitly',
        severity: 'medium',
      },
      {
        name: 'every container of the pod carries it',
        code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n    - name: sidecar\n      image: registry.example.com/sidecar:1.0\n',
        lines: [7, 9],
      },
      {
        name: 'a CronJob',
        code: [
          'apiVersion: batch/v1',
          'kind: CronJob',
          'metadata:',
          '  name: report',
          'spec:',
          '  schedule: "0 * * * *"',
          '  jobTemplate:',
          '    spec:',
          '      template:',
          '        spec:',
          '          automountServiceAccountToken: true',
          '          containers:',
          '            - name: report',
          '              image: registry.example.com/report:1.0',
          '',
        ].join('\n'),
        lines: [11],
        messageIncludes: 'container "report" of CronJob/report',
      },
    ],
  },
});
