package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	vimxml "github.com/vmware/govmomi/vim25/xml"
)

// Go's XML decoding ignores elements it has no field for, so a value govmomi "decodes" may have silently
// lost part of what the simulator sent. checkNothingLost re-encodes what govmomi decoded (with govmomi's own
// encoder) and compares every leaf value, by element path, with the raw reply.

// leafSet maps "path/to/leaf=text" to how often it occurs.
type leafSet map[string]int

func isZero(text string) bool {
	return text == "" || text == "0" || text == "false"
}

func normalize(text string) string {
	text = strings.TrimSpace(text)
	if len(text) >= 20 && text[4] == '-' && text[10] == 'T' {
		if t, err := time.Parse(time.RFC3339Nano, text); err == nil {
			return t.UTC().Format(time.RFC3339Nano)
		}
	}
	return text
}

// leaves collects the leaf elements below the first element named root (by local name).
func leaves(data []byte, root string) (leafSet, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	out := leafSet{}
	type frame struct {
		name     string
		text     strings.Builder
		children int
		refType  string
	}
	var stack []*frame
	inside := false
	found := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !inside {
				if t.Name.Local == root {
					inside, found = true, true
					stack = append(stack, &frame{name: ""})
				}
				continue
			}
			stack[len(stack)-1].children++
			f := &frame{name: t.Name.Local}
			for _, a := range t.Attr {
				// A ManagedObjectReference's type is part of its value.
				if a.Name.Space == "" && a.Name.Local == "type" {
					f.refType = a.Value
				}
			}
			stack = append(stack, f)
		case xml.CharData:
			if inside {
				stack[len(stack)-1].text.Write(t)
			}
		case xml.EndElement:
			if !inside {
				continue
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				inside = false
				continue
			}
			if f.children == 0 {
				var names []string
				for _, s := range stack[1:] {
					names = append(names, s.name)
				}
				names = append(names, f.name)
				value := normalize(f.text.String())
				if f.refType != "" {
					value = f.refType + ":" + value
				}
				out[strings.Join(names, "/")+"="+value]++
			}
		}
	}
	if !found {
		return nil, fmt.Errorf("no <%s> element in the reply", root)
	}
	return out, nil
}

// diff lists leaves of a not in b (with multiplicity), ignoring zero values (omitted by omitempty).
func diff(a, b leafSet) []string {
	var out []string
	for k, n := range a {
		if m := b[k]; n > m {
			if isZero(k[strings.LastIndex(k, "=")+1:]) {
				continue
			}
			out = append(out, fmt.Sprintf("%s (x%d)", k, n-m))
		}
	}
	sort.Strings(out)
	return out
}

// checkNothingLost compares the raw reply (below its element named root) with decoded, re-encoded by
// govmomi under an element of the same name. A value the simulator sent that govmomi dropped fails (zero
// values excepted: omitempty drops those on re-encoding). A value govmomi re-encodes that the simulator never
// sent fails too, zero values included: govmomi encodes its required (non-omitempty) fields always, so that
// is a field the WSDL requires and the simulator left out.
func checkNothingLost(what string, raw []byte, root string, decoded interface{}) {
	sent, err := leaves(raw, root)
	if err != nil {
		fail("%s: reading the raw reply: %v", what, err)
	}
	encoded, err := vimxml.Marshal(decoded)
	if err != nil {
		fail("%s: govmomi cannot re-encode what it decoded: %v", what, err)
	}
	kept, err := leaves(encoded, root)
	if err != nil {
		fail("%s: reading govmomi's re-encoding: %v", what, err)
	}
	if lost := diff(sent, kept); len(lost) > 0 {
		fail("%s: govmomi dropped %d value(s) the simulator sent:\n  %s", what, len(lost), strings.Join(lost, "\n  "))
	}
	if extra := diffStrict(kept, sent); len(extra) > 0 {
		fail("%s: govmomi decoded %d value(s) the simulator never sent:\n  %s", what, len(extra), strings.Join(extra, "\n  "))
	}
	total := 0
	for _, n := range sent {
		total += n
	}
	ok("%s: all %d leaf values survive govmomi's decoding", what, total)
}

func diffStrict(a, b leafSet) []string {
	var out []string
	for k, n := range a {
		if m := b[k]; n > m {
			out = append(out, fmt.Sprintf("%s (x%d)", k, n-m))
		}
	}
	sort.Strings(out)
	return out
}
