package connector

import (
	"net/http"
	"reflect"
	"strings"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// Webex holds one email address per person, and it is the userName (design §4.1): emails is that
// one address, answered as the primary work email. A PUT or PATCH asks for what it says (RFC 7644
// §3.5.1: values given "SHALL replace the existing attribute values"; §3.5.2: the modified
// resource), so an emails the connector cannot give Webex is refused with 400 mutability, never
// answered 200 with the address unchanged (issue 11 item 2). A POST may be altered (RFC 7644
// §3.3: the server "is free to alter and/or ignore POSTed content"): userName decides the
// address, and the 201 shows it. Changing the address is changing userName; an emails that names
// the new userName, in the same request, is consistent and accepted.

// emailsMismatch is the 400 for an emails Webex cannot hold.
func emailsMismatch(userName, why string) error {
	return scim.Errorf(http.StatusBadRequest, scim.ScimTypeMutability,
		"Webex holds one email address per user, its userName (%q): %s. To change the address, replace userName (emails follows it)",
		userName, why)
}

// checkEmails reports whether emails (the value of a request's or a patched resource's emails) is
// one Webex can hold for userName: at least one entry, every entry's value userName (compared
// case-insensitively, as userName is) and of type work or none. nil means it is.
func checkEmails(emails any, userName string) error {
	list, ok := emails.([]any)
	if !ok || len(list) == 0 {
		return emailsMismatch(userName, "emails cannot be removed")
	}
	userName = strings.TrimSpace(userName)
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return invalidValue("emails must be an array of objects with a value")
		}
		v, err := stringAttr(m, "value")
		if err != nil {
			return invalidValue("emails[].value must be a string")
		}
		if !strings.EqualFold(strings.TrimSpace(v), userName) {
			return emailsMismatch(userName, "emails cannot hold another address")
		}
		t, err := stringAttr(m, "type")
		if err != nil {
			return invalidValue("emails[].type must be a string")
		}
		if t != "" && !strings.EqualFold(t, "work") {
			return emailsMismatch(userName, "its type is work")
		}
	}
	return nil
}

// checkReplacedEmails is checkEmails for a PUT body: an emails left out is not asserted (it
// follows userName), one given must be what Webex can hold.
func checkReplacedEmails(body scim.Resource) error {
	v, ok := lookupFold(body, "emails")
	if !ok {
		return nil
	}
	userName, err := stringAttr(body, "userName")
	if err != nil {
		return err
	}
	return checkEmails(v, userName)
}

// checkPatchedEmails is checkEmails for a PATCH: when the patch changed emails, the result must
// be what Webex can hold for the patched userName. A patch that leaves emails alone (a rename by
// userName alone, say) passes: emails follows userName.
func checkPatchedEmails(before, after scim.Resource) error {
	b, _ := lookupFold(before, "emails")
	a, _ := lookupFold(after, "emails")
	if reflect.DeepEqual(a, b) {
		return nil
	}
	userName, err := stringAttr(after, "userName")
	if err != nil {
		return err
	}
	return checkEmails(a, userName)
}
