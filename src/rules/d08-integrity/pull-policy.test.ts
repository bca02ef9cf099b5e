import { k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './pull-policy.js';

const DIGEST = 'sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';

/** A Deployment whose container runs `image` (line 11) with the given container lines after it. */
const withImage = (image: string, rest = ''): string =>
  k8sDeployment(rest).replace('registry.example.com/app:1.0', image);

testRule(rule, {
  kubernetes: {
    accept: [
      { name: 'Always', code: k8sDeployment('imagePullPolicy: Always') },
      { name: 'latest, unset: the default is Always', code: withImage('nginx:latest') },
      { name: 'no tag, unset: the default is Always', code: withImage('nginx') },
      {
        name: 'a digest with IfNotPresent',
        code: withImage(`nginx:1.27@${DIGEST}`, 'imagePullPolicy: IfNotPresent'),
      },
      { name: 'a digest with Never', code: withImage(`nginx@${DIGEST}`, 'imagePullPolicy: Never') },
    ],
    reject: [
      {
        name: 'a version tag, unset: the default IfNotPresent, at the image',
        code: k8sDeployment(''),
        lines: [11],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml pulls the mutable tag registry.example.com/app:1.0 with the default imagePullPolicy IfNotPresent',
        severity: 'low',
      },
      {
        name: 'IfNotPresent, at the policy',
        code: k8sDeployment('imagePullPolicy: IfNotPresent'),
        lines: [12],
        messageIncludes: 'with imagePullPolicy IfNotPresent',
      },
      {
        name: 'Never',
        code: k8sDeployment('imagePullPolicy: Never'),
        lines: [12],
        messageIncludes: 'imagePullPolicy Never',
      },
      {
        name: 'latest with IfNotPresent',
        code: withImage('nginx:latest', 'imagePullPolicy: IfNotPresent'),
        lines: [12],
      },
      { name: 'no tag with Never', code: withImage('nginx', 'imagePullPolicy: Never'), lines: [12] },
    ],
  },
});
