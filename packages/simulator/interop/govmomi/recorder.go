package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// recorder is an http.RoundTripper under govmomi's soap.Client that keeps the last response body, for the
// fault fields govmomi 0.24.2's types do not have.
type recorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	last []byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := r.next.RoundTrip(req)
	if err != nil {
		return res, err
	}
	body, err := io.ReadAll(res.Body)
	_ = res.Body.Close()
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.last = body
	r.mu.Unlock()
	res.Body = io.NopCloser(bytes.NewReader(body))
	return res, nil
}

type entityPrivileges struct {
	Entity struct {
		Type  string `xml:"type,attr"`
		Value string `xml:",chardata"`
	} `xml:"entity"`
	PrivilegeIds []string `xml:"privilegeIds"`
}

// missingPrivileges reads NoPermission.missingPrivileges from the last response, which must be a SOAP fault
// whose detail is a NoPermission.
func (r *recorder) missingPrivileges() ([]entityPrivileges, error) {
	r.mu.Lock()
	body := r.last
	r.mu.Unlock()
	var env struct {
		Body struct {
			Fault struct {
				Detail struct {
					Inner struct {
						XMLName           xml.Name
						Type              string             `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
						MissingPrivileges []entityPrivileges `xml:"missingPrivileges"`
					} `xml:",any"`
				} `xml:"detail"`
			} `xml:"Fault"`
		} `xml:"Body"`
	}
	if err := xml.Unmarshal(body, &env); err != nil {
		return nil, fmt.Errorf("%v in %q", err, body)
	}
	inner := env.Body.Fault.Detail.Inner
	if inner.XMLName.Local != "NoPermissionFault" || (inner.Type != "NoPermission" && inner.Type != "vim25:NoPermission") {
		return nil, fmt.Errorf("the last reply's fault detail is <%s xsi:type=%q>, want <NoPermissionFault xsi:type=\"NoPermission\">: %s",
			inner.XMLName.Local, inner.Type, body)
	}
	return inner.MissingPrivileges, nil
}

// body is the last response body.
func (r *recorder) body() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}
