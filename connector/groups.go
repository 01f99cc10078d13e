package connector

import (
	"net/http"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// The Groups handlers (SPEC §3.7, §4.2). Temporary: the Groups engineer replaces this file.

func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) error   { return groupsNotYet() }
func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) error  { return groupsNotYet() }
func (s *Server) getGroup(w http.ResponseWriter, r *http.Request) error     { return groupsNotYet() }
func (s *Server) replaceGroup(w http.ResponseWriter, r *http.Request) error { return groupsNotYet() }
func (s *Server) patchGroup(w http.ResponseWriter, r *http.Request) error   { return groupsNotYet() }
func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) error  { return groupsNotYet() }

func groupsNotYet() error {
	return scim.Errorf(http.StatusNotImplemented, "", "Groups are not implemented yet")
}
