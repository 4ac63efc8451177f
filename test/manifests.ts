// A pod manifest as YAML text, for tests that feed kubectl: one nginx
// container, `containerExtra` added to it, `spec` added after it (both
// indented as they go: two spaces for spec fields, four for the container).
export const podManifest = (name: string, spec = '', containerExtra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx
${containerExtra}${spec}`;
