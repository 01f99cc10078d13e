package mockwebex

import (
	"net/http"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
)

// people.go: /people, /people/me, /people/{id} (spec: People).

type peopleList struct {
	Items       []Person `json:"items"`
	NotFoundIDs []string `json:"notFoundIds,omitzero"` // when id= was used (WX10)
}

// peopleQuery is a parsed GET /people request.
type peopleQuery struct {
	email       string
	displayName string
	ids         []string // as sent, deduplicated, comma lists split
	roles       []string
	locationID  string
	callingData bool
	noStatus    bool
	matchName   func(name string) bool
}

func parseBoolParam(q map[string][]string, name string) (bool, error) {
	v := first(q, name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, errBadRequest("Invalid value for %s: %q (true or false expected).", name, v)
	}
	return b, nil
}

// splitList reads a parameter that takes comma-separated values and may
// also be repeated (GET /people?id=a,b&id=c; design §5).
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" && !slices.Contains(out, part) {
				out = append(out, part)
			}
		}
	}
	return out
}

// parsePeopleQuery reads GET /people's filters. WX10 lives here: email
// matches exactly and case-insensitively (the index is lower-cased),
// displayName by prefix, and id takes up to 85 ids. Off: displayName must
// match the whole name, and id takes any number.
func (s *Server) parsePeopleQuery(c *call) (*peopleQuery, error) {
	pq := &peopleQuery{
		email:       first(c.q, "email"),
		displayName: first(c.q, "displayName"),
		ids:         splitList(c.q["id"]),
		roles:       splitList(c.q["roles"]),
		locationID:  first(c.q, "locationId"),
	}
	var err error
	if pq.callingData, err = parseBoolParam(c.q, "callingData"); err != nil {
		return nil, err
	}
	if pq.noStatus, err = parseBoolParam(c.q, "excludeStatus"); err != nil {
		return nil, err
	}
	for _, r := range pq.roles {
		if c.st.rolesByID[r] == nil {
			return nil, errBadRequest("Invalid role id in roles: %s", r)
		}
	}
	if org := first(c.q, "orgId"); org != "" && org != c.st.org.id {
		return nil, errBadRequest("Invalid orgId: %s", org)
	}
	want := strings.ToLower(pq.displayName)
	if c.quirks.On(WX10) {
		if len(pq.ids) > maxIDsPerPeopleSearch {
			// The spec says "up to 85"; the status of the refusal is inferred.
			return nil, errBadRequest("Too many ids: at most %d are accepted.", maxIDsPerPeopleSearch)
		}
		pq.matchName = func(name string) bool { return strings.HasPrefix(strings.ToLower(name), want) }
	} else {
		pq.matchName = func(name string) bool { return strings.EqualFold(name, pq.displayName) }
	}
	return pq, nil
}

// listable: not deleted, and past its list lag (WX19).
func listable(p *personRec, now time.Time) bool {
	return !p.deleted && !now.Before(p.listableAt)
}

func (s *Server) listPeople(c *call) (*reply, error) {
	st := c.st
	admin := st.isAdmin(c.caller)
	pq, err := s.parsePeopleQuery(c)
	if err != nil {
		return nil, err
	}
	if !admin && pq.email == "" && pq.displayName == "" && len(pq.ids) == 0 {
		return nil, errBadRequest("Either email or displayName is required for non-admin requests.")
	}
	endpointMax := maxPeople
	if pq.callingData {
		endpointMax = maxPeopleCallingData
	}
	if pq.locationID != "" {
		endpointMax = maxPeopleLocationID
	}
	key := listingKey("people", strings.ToLower(pq.email), pq.displayName, strings.Join(pq.ids, ","),
		strings.Join(pq.roles, ","), pq.locationID)
	pg, err := s.readPage(c, key, endpointMax)
	if err != nil {
		return nil, err
	}
	body := &peopleList{}
	if len(pq.ids) > 0 {
		body.NotFoundIDs = []string{}
	}
	if pg.echo {
		body.Items = []Person{}
		return echoReply(c, body, pg), nil
	}
	// The candidates: the given ids, the one person with that email, or
	// everyone in creation order.
	var cands []*personRec
	switch {
	case len(pq.ids) > 0:
		for _, id := range pq.ids {
			p := st.livePerson(id)
			if p == nil || !listable(p, c.now) {
				body.NotFoundIDs = append(body.NotFoundIDs, id)
				continue
			}
			if !slices.Contains(cands, p) {
				cands = append(cands, p)
			}
		}
	case pq.email != "":
		if p := st.peopleByEmail[emailKey(pq.email)]; p != nil {
			cands = []*personRec{p}
		}
	default:
		cands = st.people
	}
	view := personView{admin: admin, presence: len(pq.ids) == 0 && !pq.noStatus}
	match := func(p *personRec) bool {
		if !listable(p, c.now) {
			return false
		}
		if pq.email != "" && (len(p.p.Emails) == 0 || emailKey(p.p.Emails[0]) != emailKey(pq.email)) {
			return false
		}
		if pq.displayName != "" && !pq.matchName(p.p.DisplayName) {
			return false
		}
		if pq.locationID != "" && p.p.LocationID != pq.locationID {
			return false
		}
		if len(pq.roles) > 0 && !slices.ContainsFunc(pq.roles, func(r string) bool { return slices.Contains(p.p.Roles, r) }) {
			return false
		}
		return true
	}
	items, next, more := collect(len(cands), pg.start, pg.max, func(i int) (Person, bool) {
		p := cands[i]
		if !match(p) {
			return Person{}, false
		}
		return st.renderPerson(p, view), true
	})
	body.Items = items
	return listReply(c, body, more, next, key), nil
}

func (s *Server) getMe(c *call) (*reply, error) {
	if _, err := parseBoolParam(c.q, "callingData"); err != nil {
		return nil, err
	}
	return okJSON(c.st.renderPerson(c.caller, personView{admin: c.st.isAdmin(c.caller), presence: true})), nil
}

func (s *Server) getPerson(c *call) (*reply, error) {
	if _, err := parseBoolParam(c.q, "callingData"); err != nil {
		return nil, err
	}
	p := c.st.livePerson(pathVar(c.r, "personId"))
	if p == nil {
		return nil, errNotFound() // a deleted person is 404 on GET (WX07's other half)
	}
	return okJSON(c.st.renderPerson(p, personView{admin: c.st.isAdmin(c.caller), presence: true})), nil
}

// deletedPerson is WX07: PUT or DELETE of a person who was deleted answers
// 403 (vendor page: "Deleting or updating a deleted user results in error
// 403"). Off: 404, like any unknown id.
func deletedPerson(q Quirks) error {
	if q.On(WX07) {
		return errf(http.StatusForbidden, "The person has been deleted: the operation is not allowed.")
	}
	return errNotFound()
}

// duplicateEmail is WX14: an email another person has answers 409 (the
// status is inferred). Off: 400.
func duplicateEmail(q Quirks, email string) error {
	if q.On(WX14) {
		return errf(http.StatusConflict, "A person with email %s already exists.", email)
	}
	return errBadRequest("Invalid field 'emails': %s is in use by another person.", email)
}

func checkEmail(e string) error {
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || a.Name != "" {
		return errBadRequest("Invalid field 'emails': %q is not an email address.", e)
	}
	return nil
}

// newPersonRules is WX09: POST /people takes exactly one email, answers 200,
// and the new person is pending (status "pending", invitePending true,
// loginEnabled false). Off: the first of several emails is kept, 201, and the
// person is active at once.
func newPersonRules(q Quirks, emails []string, p *personRec) (status int, err error) {
	if q.On(WX09) {
		if len(emails) != 1 {
			return 0, errBadRequest("Invalid field 'emails': exactly one email address is allowed.")
		}
		p.p.Status, p.invite, p.login = "pending", true, false
		return http.StatusOK, nil
	}
	p.p.Status, p.invite, p.login = "active", false, true
	return http.StatusCreated, nil
}

// listLagFor is WX19: with -list-lag, a new person enters GET /people lists
// only after the lag (GET by id works at once). Off: at once.
func listLagFor(q Quirks, lag time.Duration, now time.Time) time.Time {
	if q.On(WX19) && lag > 0 {
		return now.Add(lag)
	}
	return time.Time{}
}

func (s *Server) createPerson(c *call) (*reply, error) {
	st := c.st
	if !st.canManagePeople(c.caller) {
		return nil, errForbidden()
	}
	minResponse, err := parseBoolParam(c.q, "minResponse")
	if err != nil {
		return nil, err
	}
	if _, err := parseBoolParam(c.q, "callingData"); err != nil {
		return nil, err
	}
	b, err := readJSONBody(c)
	if err != nil {
		return nil, err
	}
	emails, _, err := b.strs("emails")
	if err != nil {
		return nil, err
	}
	if len(emails) == 0 {
		return nil, errBadRequest("Missing required field 'emails'.")
	}
	p := &personRec{}
	status, err := newPersonRules(c.quirks, emails, p)
	if err != nil {
		return nil, err
	}
	if err := checkEmail(emails[0]); err != nil {
		return nil, err
	}
	np := Person{Emails: []string{emails[0]}, Status: p.p.Status, Type: "person"}
	if err := applyPersonFields(b, &np, true, false); err != nil {
		return nil, err
	}
	if np.DisplayName == "" && np.FirstName == "" && np.LastName == "" {
		return nil, errBadRequest("At least one of %s is required.", quoteList("displayName", "firstName", "lastName"))
	}
	if err := st.checkPersonRefs(b, &np); err != nil {
		return nil, err
	}
	if st.peopleByEmail[emailKey(emails[0])] != nil {
		return nil, duplicateEmail(c.quirks, emails[0])
	}
	if np.DisplayName == "" {
		np.DisplayName = strings.TrimSpace(np.FirstName + " " + np.LastName)
	}
	p.uuid = s.ids.next("people")
	p.id = makeID(kindPeople, p.uuid)
	p.p = np
	p.created, p.modified = c.now, c.now
	p.listableAt = listLagFor(c.quirks, c.listLag, c.now)
	st.addPerson(p)
	if minResponse {
		return &reply{status: status, body: map[string]string{"id": p.id}}, nil
	}
	return &reply{status: status, body: st.renderPerson(p, personView{admin: true, presence: true})}, nil
}

// replaceRules is WX08: PUT /people/{id} is a full replace. displayName is
// required (spec), optional fields left out are cleared ("Include all details
// for the person"), and nickName is set to firstName ("This cannot be
// overwritten and instead will be set to the firstName automatically").
// Off: a merge; displayName optional; nickName as sent.
func replaceRules(q Quirks, b jsonBody) (full bool, err error) {
	if !q.On(WX08) {
		return false, nil
	}
	if v, _, err := b.str("displayName"); err != nil {
		return false, err
	} else if v == "" {
		return false, errBadRequest("Missing required field 'displayName'.")
	}
	return true, nil
}

func (s *Server) updatePerson(c *call) (*reply, error) {
	st := c.st
	if !st.canManagePeople(c.caller) {
		return nil, errForbidden()
	}
	for _, name := range []string{"callingData", "showAllTypes"} {
		if _, err := parseBoolParam(c.q, name); err != nil {
			return nil, err
		}
	}
	minResponse, err := parseBoolParam(c.q, "minResponse")
	if err != nil {
		return nil, err
	}
	p := st.anyPerson(pathVar(c.r, "personId"))
	if p == nil {
		return nil, errNotFound()
	}
	if p.deleted {
		return nil, deletedPerson(c.quirks)
	}
	b, err := readJSONBody(c)
	if err != nil {
		return nil, err
	}
	full, err := replaceRules(c.quirks, b)
	if err != nil {
		return nil, err
	}
	np := p.p
	if err := applyPersonFields(b, &np, full, !full); err != nil {
		return nil, err
	}
	if full {
		np.NickName = np.FirstName
	}
	emails, hasEmails, err := b.strs("emails")
	if err != nil {
		return nil, err
	}
	if hasEmails {
		if len(emails) == 0 {
			return nil, errBadRequest("Invalid field 'emails': an email address is required.")
		}
		if err := checkEmail(emails[0]); err != nil {
			return nil, err
		}
		if other := st.peopleByEmail[emailKey(emails[0])]; other != nil && other != p {
			return nil, duplicateEmail(c.quirks, emails[0])
		}
		np.Emails = []string{emails[0]}
	}
	if err := st.checkPersonRefs(b, &np); err != nil {
		return nil, err
	}
	if np.DisplayName == "" && np.FirstName == "" && np.LastName == "" {
		return nil, errBadRequest("At least one of %s is required.", quoteList("displayName", "firstName", "lastName"))
	}
	login, hasLogin, err := b.boolean("loginEnabled")
	if err != nil {
		return nil, err
	}
	// Commit.
	delete(st.peopleByEmail, emailKey(p.p.Emails[0]))
	st.peopleByEmail[emailKey(np.Emails[0])] = p
	st.countLicenses(p.p.Licenses, np.Licenses)
	p.p = np
	if hasLogin {
		p.login = login
	}
	p.modified = c.now
	if minResponse {
		return okJSON(map[string]string{"id": p.id}), nil
	}
	return okJSON(st.renderPerson(p, personView{admin: true, presence: true})), nil
}

func (s *Server) deletePerson(c *call) (*reply, error) {
	st := c.st
	if !st.canManagePeople(c.caller) {
		return nil, errForbidden()
	}
	p := st.anyPerson(pathVar(c.r, "personId"))
	if p == nil {
		return nil, errNotFound()
	}
	if p.deleted {
		return nil, deletedPerson(c.quirks)
	}
	p.deleted = true
	delete(st.peopleByEmail, emailKey(p.p.Emails[0]))
	st.countLicenses(p.p.Licenses, nil)
	// A deleted person leaves every team; a team left empty goes (WX05).
	for _, t := range st.teams {
		if m := t.byPerson[p.uuid]; m != nil && !t.deleted {
			st.removeMembership(m)
			s.afterLeave(c, t)
		}
	}
	st.leaveGroups(p, c.now) // and every Control Hub group (WX23: an emptied group stays)
	return noContent(), nil
}

// personStringFields are the settable string fields of Person, by name.
func personStringFields(p *Person) map[string]*string {
	return map[string]*string{
		"extension": &p.Extension, "locationId": &p.LocationID, "displayName": &p.DisplayName,
		"firstName": &p.FirstName, "lastName": &p.LastName, "avatar": &p.Avatar,
		"department": &p.Department, "manager": &p.Manager, "managerId": &p.ManagerID, "title": &p.Title,
		"timezone": &p.Timezone,
	}
}

// applyPersonFields copies the body's settable fields into p. With full,
// fields left out are cleared (WX08's replace); otherwise they are kept.
// nickName is taken from the body only when nick is set (merge mode).
func applyPersonFields(b jsonBody, p *Person, full, nick bool) error {
	for name, dst := range personStringFields(p) {
		v, ok, err := b.str(name)
		if err != nil {
			return err
		}
		if ok || full {
			*dst = v
		}
	}
	if nick {
		v, ok, err := b.str("nickName")
		if err != nil {
			return err
		}
		if ok {
			p.NickName = v
		}
	}
	for name, dst := range map[string]*[]string{"roles": &p.Roles, "licenses": &p.Licenses, "siteUrls": &p.SiteUrls} {
		v, ok, err := b.strs(name)
		if err != nil {
			return err
		}
		if ok || full {
			*dst = v
		}
	}
	var phones []PhoneNumber
	ok, err := b.into("phoneNumbers", &phones, "an array of {type, value, primary}")
	if err != nil {
		return err
	}
	// Work, mobile and fax numbers can be set (the Person schema's types;
	// issue 11: Entra and Okta send work and mobile). work_extension cannot:
	// PUT's description says the extension is set with "extension", not with
	// that phone number type. (The request schemas' enum lists only "work",
	// narrower than what the people API holds and returns.)
	for _, ph := range phones {
		switch ph.Type {
		case "", "work", "mobile", "fax":
		default:
			return errBadRequest("Invalid field 'phoneNumbers': type %q cannot be set (work, mobile or fax).", ph.Type)
		}
	}
	if ok || full {
		p.PhoneNumbers = phones
	}
	var addrs []Address
	ok, err = b.into("addresses", &addrs, "an array of address objects")
	if err != nil {
		return err
	}
	if ok || full {
		p.Addresses = addrs
	}
	if _, _, err := b.str("orgId"); err != nil {
		return err
	}
	return nil
}

// checkPersonRefs validates the ids a person body refers to: roles and
// licences must exist (Webex: 400 "License not recognized"), orgId must be
// the organisation's.
func (st *store) checkPersonRefs(b jsonBody, p *Person) error {
	for _, r := range p.Roles {
		if st.rolesByID[r] == nil {
			return errBadRequest("Invalid field 'roles': unknown role id %s.", r)
		}
	}
	for _, l := range p.Licenses {
		if st.licensesByID[l] == nil {
			return errBadRequest("Invalid field 'licenses': License not recognized %s.", l)
		}
	}
	p.Roles = dedupe(p.Roles)
	p.Licenses = dedupe(p.Licenses)
	if org, ok, _ := b.str("orgId"); ok && org != st.org.id {
		return errBadRequest("Invalid field 'orgId': unknown organization %s.", org)
	}
	return nil
}

func dedupe(in []string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, 0, len(in))
	for _, v := range in {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
