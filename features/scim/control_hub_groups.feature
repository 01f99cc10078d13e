@group-kinds @groups-only
Feature: Control Hub groups — an identity provider's run, and exactly what Webex holds after it
  With WEBEX_GROUP_KIND=groups (the harness: SCIM_GROUP_KIND=groups) a SCIM Group is a Webex
  Control Hub group (/v1/groups, design §4.7). Issue 10's done-when: create a group with two
  members, PATCH-add three, PATCH-remove one, rename, replace all members, filter by
  displayName, delete — and the fake's whole state shows exactly the groups and members those
  operations imply.

  @mock-only
  Scenario: An identity provider's group run, checked against /_mock/state after each step
    Given a SCIM user "a" exists
    And a SCIM user "b" exists
    And a SCIM user "c" exists
    And a SCIM user "d" exists
    And a SCIM user "e" exists
    And a SCIM user "f" exists
    When I send "POST" to SCIM "/Groups" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}sales",
       "externalId": "idp-group-1", "members": [{"value": "{a.id}"}, {"value": "{b.id}"}]}
      """
    Then the response status is 201
    And the response JSON at "externalId" is absent
    And I remember the response JSON at "id" as "sales"
    When I send "GET" to Webex "/_mock/state"
    Then the response JSON at "groups.#(displayName%{prefix}*)#.id" is ["{sales}"]
    And the response JSON at "groups.#(id=={sales}).members.#.id" is ["{a.id}", "{b.id}"]
    And the response JSON at "teams.#(name%{prefix}*)#.id" is []

    # Entra: three added in one operation.
    When I send "PATCH" to SCIM "/Groups/{sales}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "Add", "path": "members",
                       "value": [{"value": "{c.id}"}, {"value": "{d.id}"}, {"value": "{e.id}"}]}]}
      """
    Then the response status is 200
    When I send "GET" to Webex "/_mock/state"
    Then the response JSON at "groups.#(id=={sales}).members.#.id" is ["{a.id}", "{b.id}", "{c.id}", "{d.id}", "{e.id}"]

    # Okta: one removed by a filtered path.
    When I send "PATCH" to SCIM "/Groups/{sales}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{b.id}\"]"}]}
      """
    Then the response status is 200
    When I send "GET" to Webex "/_mock/state"
    Then the response JSON at "groups.#(id=={sales}).members.#.id" is ["{a.id}", "{c.id}", "{d.id}", "{e.id}"]

    # Rename (Okta's path-less replace).
    When I send "PATCH" to SCIM "/Groups/{sales}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"id": "{sales}", "displayName": "{prefix}sales emea"}}]}
      """
    Then the response status is 200
    When I send "GET" to Webex "/_mock/state"
    Then the response JSON at "groups.#(id=={sales}).displayName" is "{prefix}sales emea"
    And the response JSON at "groups.#(displayName%{prefix}*)#.id" is ["{sales}"]

    # Replace all members: the difference, in one Webex call.
    When I send "PATCH" to SCIM "/Groups/{sales}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "members", "value": [{"value": "{e.id}"}, {"value": "{f.id}"}]}]}
      """
    Then the response status is 200
    And the response JSON at "members.#.value" is ["{e.id}", "{f.id}"]
    When I send "GET" to Webex "/_mock/state"
    Then the response JSON at "groups.#(id=={sales}).members.#.id" is ["{e.id}", "{f.id}"]

    When I send "GET" to SCIM "/Groups" with the filter `displayName eq "{prefix}sales emea"`
    Then the response status is 200
    And the response JSON at "totalResults" is 1
    And the response JSON at "Resources.0.id" is "{sales}"
    And the response JSON at "Resources.0.members.#.value" is ["{e.id}", "{f.id}"]
    When I send "GET" to SCIM "/Groups" with the filter `displayName sw "{prefix}sales"`
    Then the response JSON at "Resources.#.id" is ["{sales}"]

    When I send "DELETE" to SCIM "/Groups/{sales}"
    Then the response status is 204
    When I send "GET" to Webex "/_mock/state"
    Then the response JSON at "groups.#(displayName%{prefix}*)#.id" is []
    And the response JSON at "people.#(id=={f.id}).id" is "{f.id}"

  Scenario: A PATCH that changes nothing is answered without a Webex write
    Given a SCIM user "a" exists
    And a SCIM group "red" exists with the members "a"
    When I send "GET" to Webex "/groups/{red.id}"
    And I remember the response JSON at "lastModified" as "before"
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "members", "value": [{"value": "{a.id}"}]},
                      {"op": "replace", "path": "displayName", "value": "{prefix}red"}]}
      """
    Then the response status is 200
    And the response JSON at "members.#.value" is ["{a.id}"]
    When I send "GET" to Webex "/groups/{red.id}"
    Then the response JSON at "lastModified" is "{before}"

  Scenario: excludedAttributes=members answers without members and without a version
    Given a SCIM user "a" exists
    And a SCIM group "red" exists with the members "a"
    When I send "GET" to SCIM "/Groups/{red.id}?excludedAttributes=members"
    Then the response status is 200
    And the response JSON at "members" is absent
    And the response JSON at "meta.version" is absent
    And the response JSON at "meta.lastModified" exists

  Scenario: A filter on externalId matches no Control Hub group (they have none)
    Given a SCIM group "red" exists
    When I send "GET" to SCIM "/Groups" with the filter `externalId eq "{red.id}"`
    Then the response status is 200
    And the response JSON at "totalResults" is 0

  Scenario: Discovery says what a Control Hub group stores
    When I send "GET" to SCIM "/ResourceTypes/Group"
    Then the response status is 200
    And the response JSON at "description" is "A Webex Control Hub group (/v1/groups)"
    When I send "GET" to SCIM "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group"
    Then the response status is 200
    And the response JSON at "description" is "Group (a Webex Control Hub group). externalId is accepted and not stored: Control Hub groups have no such field."
