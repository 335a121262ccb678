// gopher-lua-run runs a Lua test file in gopher-lua, the Lua runtime Argo CD evaluates resource health checks in, so
// deploy/argocd/test/sitrun-health-test.lua is proven against Argo CD's interpreter and not only against Lua 5.4
// (gopher-lua is Lua 5.1 with its own standard library: a 5.2+ construct or a library gap shows up here).
//
// The test file itself gets the full standard library (io, os.exit, print). The health script does not: the test
// calls argocd_health(source, obj), which runs it as Argo CD does (util/lua/lua.go, runLua): a fresh state with
// only the package, base and table libraries opened (no string, math, io or os; Argo CD adds a "safe" os with
// time functions, left out here, so a script that needs it fails this test rather than pass it wrongly), the
// resource as the global obj, a one-second limit, and the script's return value as the result.
//
// Usage: gopher-lua-run <file.lua>   (arg[0] is the file, as with the lua command; os.exit sets the exit code)
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	lua "github.com/yuin/gopher-lua"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gopher-lua-run <file.lua>")
		os.Exit(2)
	}
	state := lua.NewState()
	defer state.Close()
	arg := state.NewTable()
	state.RawSetInt(arg, 0, lua.LString(os.Args[1]))
	state.SetGlobal("arg", arg)
	state.SetGlobal("argocd_health", state.NewFunction(argocdHealth))
	if err := state.DoFile(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// argocdHealth(source, obj) runs the health script source with obj the way Argo CD does and returns its result
// (a copy in the caller's state), or raises the script's error.
func argocdHealth(caller *lua.LState) int {
	source := caller.CheckString(1)
	obj := caller.CheckTable(2)

	sandbox := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer sandbox.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.LoadLibName, lua.OpenPackage},
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
	} {
		if err := sandbox.CallByParam(lua.P{Fn: sandbox.NewFunction(lib.open), NRet: 0, Protect: true},
			lua.LString(lib.name)); err != nil {
			caller.RaiseError("opening %s: %v", lib.name, err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	sandbox.SetContext(ctx)
	sandbox.SetGlobal("obj", copyValue(sandbox, obj))

	fn, err := sandbox.LoadString(source)
	if err != nil {
		caller.RaiseError("health script does not compile: %v", err)
	}
	sandbox.Push(fn)
	if err := sandbox.PCall(0, 1, nil); err != nil {
		caller.RaiseError("health script failed: %v", err)
	}
	caller.Push(copyValue(caller, sandbox.Get(-1)))
	return 1
}

// copyValue copies plain data (tables, strings, numbers, booleans) from one Lua state into another.
func copyValue(into *lua.LState, value lua.LValue) lua.LValue {
	table, ok := value.(*lua.LTable)
	if !ok {
		return value
	}
	copied := into.NewTable()
	table.ForEach(func(key, element lua.LValue) {
		copied.RawSet(copyValue(into, key), copyValue(into, element))
	})
	return copied
}
