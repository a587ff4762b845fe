// Command generate writes packages/vim25/src/vim25.json, the one description of vim25 that addnet's client and
// simulator share, from VMware's own Go bindings: govmomi's vim25/types (data objects, faults, enums, method
// request and response types, themselves generated from VMware's WSDL) and vim25/mo (managed object types and
// their properties). It reads the Go source with go/ast, so it needs no module of govmomi's to build.
//
//	GO111MODULE=off go run ./packages/vim25/generate /usr/share/gocode/src/github.com/vmware/govmomi 0.24.2 > packages/vim25/src/vim25.json
//
// Debian's golang-github-vmware-govmomi-dev puts govmomi at that path.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// A field is [name, type, cardinality]: "" one, "?" optional, "[]" zero or more.
type field [3]string

type dataType struct {
	Base   string  `json:"base,omitempty"`
	Fields []field `json:"fields"`
}

type method struct {
	Params  []field `json:"params"`
	Returns *field  `json:"returns,omitempty"`
}

type output struct {
	Source       string               `json:"source"`
	DataTypes    map[string]*dataType `json:"dataTypes"`
	Enums        map[string][]string  `json:"enums"`
	ManagedTypes map[string]*dataType `json:"managedTypes"`
	Methods      map[string]*method   `json:"methods"`
}

var primitives = map[string]string{
	"string": "string", "bool": "boolean", "int8": "byte", "byte": "byte", "int16": "short", "int32": "int",
	"int64": "long", "float32": "float", "float64": "double", "AnyType": "anyType",
}

func parse(path string) *ast.File {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		fail(err)
	}
	return f
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "generate:", err)
	os.Exit(1)
}

// typeOf gives the vim25 type name of a Go type expression, and whether it is a pointer or a slice.
func typeOf(expr ast.Expr) (name string, pointer, slice bool) {
	switch e := expr.(type) {
	case *ast.StarExpr:
		name, _, slice = typeOf(e.X)
		return name, true, slice
	case *ast.ArrayType:
		name, _, _ = typeOf(e.Elt)
		return name, false, true
	case *ast.SelectorExpr:
		if e.Sel.Name == "Time" {
			return "dateTime", false, false
		}
		return vimName(e.Sel.Name), false, false
	case *ast.Ident:
		return vimName(e.Name), false, false
	}
	fail(fmt.Errorf("unexpected type expression %T", expr))
	return
}

// interfaces are govmomi's BaseX interfaces (if.go), each standing for X and its subtypes.
var interfaces = map[string]bool{}

// vimName maps a Go type name to vim25's: primitives to xsd names, BaseX interfaces to X.
func vimName(goName string) string {
	if p, ok := primitives[goName]; ok {
		return p
	}
	if interfaces[goName] {
		return strings.TrimPrefix(goName, "Base")
	}
	return goName
}

// structOf reads a struct: its embedded base type and its fields, by the tag key ("xml" or "mo").
func structOf(st *ast.StructType, key string) *dataType {
	t := &dataType{Fields: []field{}}
	for _, f := range st.Fields.List {
		name, pointer, slice := typeOf(f.Type)
		if len(f.Names) == 0 {
			t.Base = name
			continue
		}
		if f.Tag == nil {
			if f.Names[0].Name == "Self" {
				t.Base = "ManagedObject"
			}
			continue
		}
		tag, _ := strconv.Unquote(f.Tag.Value)
		parts := strings.Split(reflect.StructTag(tag).Get(key), ",")
		if parts[0] == "" {
			continue
		}
		card := ""
		omit := false
		for _, opt := range parts[1:] {
			omit = omit || opt == "omitempty"
		}
		switch {
		case slice && name == "byte" && key == "xml" && !strings.HasPrefix(parts[0], "byte"):
			name = "base64Binary"
			card = "?"
		case slice:
			card = "[]"
		case pointer || omit:
			card = "?"
		}
		t.Fields = append(t.Fields, field{parts[0], name, card})
	}
	return t
}

func main() {
	if len(os.Args) != 3 {
		fail(fmt.Errorf("usage: generate <govmomi source folder> <govmomi version>"))
	}
	root := os.Args[1]
	out := output{
		Source:       "govmomi " + os.Args[2] + " vim25/types and vim25/mo",
		DataTypes:    map[string]*dataType{},
		Enums:        map[string][]string{},
		ManagedTypes: map[string]*dataType{"ManagedObject": {Fields: []field{}}},
		Methods:      map[string]*method{},
	}

	for _, decl := range parse(filepath.Join(root, "vim25/types/if.go")).Decls {
		if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, spec := range g.Specs {
				if ts := spec.(*ast.TypeSpec); isInterface(ts.Type) {
					interfaces[ts.Name.Name] = true
				}
			}
		}
	}

	structs := map[string]*ast.StructType{}
	aliases := map[string]string{}
	for _, decl := range parse(filepath.Join(root, "vim25/types/types.go")).Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, spec := range g.Specs {
			ts := spec.(*ast.TypeSpec)
			switch t := ts.Type.(type) {
			case *ast.StructType:
				structs[ts.Name.Name] = t
			case *ast.Ident:
				aliases[ts.Name.Name] = t.Name
			}
		}
	}
	// A method is `type M MRequestType`; its reply is MResponse.
	for name, target := range aliases {
		if !strings.HasSuffix(target, "RequestType") {
			continue
		}
		m := &method{Params: []field{}}
		for _, f := range structOf(structs[target], "xml").Fields {
			if f[0] != "_this" {
				m.Params = append(m.Params, f)
			}
		}
		if resp, ok := structs[name+"Response"]; ok {
			if fields := structOf(resp, "xml").Fields; len(fields) > 0 {
				m.Returns = &fields[0]
			}
			delete(structs, name+"Response")
		}
		delete(structs, target)
		out.Methods[name] = m
	}
	for name, st := range structs {
		// ManagedObjectReference is text with a type attribute: a primitive of its own to both codecs.
		if name == "ManagedObjectReference" || strings.HasSuffix(name, "RequestType") {
			continue
		}
		out.DataTypes[name] = structOf(st, "xml")
	}

	enumTypes := map[string]bool{}
	enumFile := parse(filepath.Join(root, "vim25/types/enum.go"))
	for _, decl := range enumFile.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range g.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				enumTypes[s.Name.Name] = true
				out.Enums[s.Name.Name] = []string{}
			case *ast.ValueSpec:
				for _, v := range s.Values {
					call, ok := v.(*ast.CallExpr)
					if !ok || len(call.Args) != 1 {
						continue
					}
					enum := call.Fun.(*ast.Ident).Name
					lit, _ := strconv.Unquote(call.Args[0].(*ast.BasicLit).Value)
					out.Enums[enum] = append(out.Enums[enum], lit)
				}
			}
		}
	}

	for _, decl := range parse(filepath.Join(root, "vim25/mo/mo.go")).Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, spec := range g.Specs {
			ts := spec.(*ast.TypeSpec)
			if st, ok := ts.Type.(*ast.StructType); ok {
				out.ManagedTypes[ts.Name.Name] = structOf(st, "mo")
			}
		}
	}

	// Every name a field uses must be described: a data type, an enum, a managed type or a primitive.
	known := func(t string) bool {
		_, d := out.DataTypes[t]
		_, e := out.Enums[t]
		_, p := map[string]bool{"string": true, "boolean": true, "byte": true, "short": true, "int": true, "long": true,
			"float": true, "double": true, "anyType": true, "dateTime": true, "base64Binary": true, "ManagedObjectReference": true}[t]
		return d || e || p
	}
	check := func(owner string, fields []field) {
		for _, f := range fields {
			if !known(f[1]) {
				fail(fmt.Errorf("%s.%s has unknown type %s", owner, f[0], f[1]))
			}
		}
	}
	for n, t := range out.DataTypes {
		check(n, t.Fields)
		if _, ok := out.DataTypes[t.Base]; t.Base != "" && !ok {
			fail(fmt.Errorf("%s extends unknown type %s", n, t.Base))
		}
	}
	for n, t := range out.ManagedTypes {
		check(n, t.Fields)
	}
	for n, m := range out.Methods {
		check(n, m.Params)
	}
	for _, values := range out.Enums {
		sort.Strings(values)
	}

	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fail(err)
	}
}

func isInterface(expr ast.Expr) bool {
	_, ok := expr.(*ast.InterfaceType)
	return ok
}
