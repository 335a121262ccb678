// Built (and cached by gopher-lua version) by e2e/control-plane-build/build.sh gopher-lua; run by
// deploy/argocd/test/run-tests.sh --gopher-lua and ArgoCdHealthCheckIT.
module github.com/dataops-sit/sit-operator/deploy/argocd/test/gopher-lua

go 1.24

// The gopher-lua of the current Argo CD release (argo-cd v3.5 go.mod; v3.4 and older: v1.1.1).
require github.com/yuin/gopher-lua v1.1.2
