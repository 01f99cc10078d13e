package webex

import "encoding/json"

// decodePeoplePage reads a GET /people page into env without encoding/json's reflection, which
// scans the body twice more before it hands each person to Person.UnmarshalJSON (validity of the
// whole page, then each element's extent). The page is checked once (validJSON) and walked with
// the scanners of jsonscan.go; each person is decoded as GetPerson's are. A page of 1000 is most
// of what a full listing spends in the connector (issue 13).
//
// It takes only the ordinary shape — an object whose members are "items", an array of objects,
// and "notFoundIds", an array — each key spelled exactly and given once. Anything else (another
// case of a key, which encoding/json would match; a duplicate; null; a person that does not
// decode) is left to json.Unmarshal, so the result and any error are exactly json.Unmarshal's
// (TestPeoplePageDecodeIsJSONUnmarshal, FuzzPeoplePageDecode).
func decodePeoplePage(data []byte, env *listEnvelope[Person]) error {
	if !decodePeoplePageFast(data, env) {
		*env = listEnvelope[Person]{}
		return json.Unmarshal(data, env)
	}
	return nil
}

func decodePeoplePageFast(data []byte, env *listEnvelope[Person]) bool {
	if !validJSON(data) || !isJSONObject(data) {
		return false
	}
	var items, notFound []byte
	sc := objectScanner{data: data}
	for {
		rawKey, value, ok := sc.next()
		if !ok {
			break
		}
		key, plain := plainString(rawKey)
		if !plain || !isASCII(key) {
			return false // encoding/json folds some non-ASCII letters into ASCII ones (ſ, K)
		}
		switch k := string(key); {
		case k == "items" && items == nil:
			items = value
		case k == "notFoundIds" && notFound == nil:
			notFound = value
		case equalFoldASCII(k, "items") || equalFoldASCII(k, "notFoundIds"):
			return false // a duplicate, or a spelling encoding/json would also take
		}
	}
	if items != nil {
		if items[0] != '[' {
			return false
		}
		n := 0
		for as := (arrayScanner{data: items, i: 1}); ; n++ {
			v, ok := as.next()
			if !ok {
				break
			}
			if v[0] != '{' {
				return false
			}
		}
		env.Items = make([]Person, n)
		as := arrayScanner{data: items, i: 1}
		for i := range n {
			v, _ := as.next()
			if env.Items[i].UnmarshalJSON(v) != nil {
				return false
			}
		}
	}
	if notFound != nil {
		if notFound[0] != '[' {
			return false
		}
		if decodeStrings(notFound, &env.NotFoundIDs) != nil {
			return false
		}
	}
	return true
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// equalFoldASCII is strings.EqualFold for the ASCII keys compared here (a false match only sends
// the page to json.Unmarshal).
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}
