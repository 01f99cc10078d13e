@group-kinds
Feature: Groups — the vendor page's tables 313 (operations) and 317 (mapping)
  A SCIM Group is a Webex team; its members are the team's memberships (design §3.7, §4.2). The
  connector's own account creates the teams and so is their moderator (WX11); it is never
  listed among the members and never removed. With SCIM_GROUP_KIND=groups the same scenarios
  run against a connector whose Groups are Control Hub groups (design §4.7); those about what
  only one kind has are tagged @teams-only or @groups-only.

  @seed
  Scenario: Create Group — POST /Groups answers 201 and creates the Webex team with its members
    Given a SCIM user "alice" exists
    When I send "POST" to SCIM "/Groups" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
       "displayName": "{prefix}red", "members": [{"value": "{alice.id}"}]}
      """
    Then the response status is 201
    And the response header "Content-Type" matches `^application/scim\+json`
    And the response JSON at "displayName" is "{prefix}red"
    And the response JSON at "members.#.value" is ["{alice.id}"]
    And the response JSON at "meta.resourceType" is "Group"
    And I remember the response JSON at "id" as "red"
    And the response header "Location" matches `/Groups/{red}$`
    And Webex holds the group "{red}" named "{prefix}red"
    And the Webex group "{red}" has exactly the members "{alice.id}" besides the connector's account
    And the connector keeps its hold on the Webex group "{red}"

  @seed
  Scenario: Update Group — PUT /Groups/{id} renames the team and replaces its members
    Given a SCIM user "alice" exists
    And a SCIM user "bob" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "PUT" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
       "displayName": "{prefix}blue", "members": [{"value": "{bob.id}"}]}
      """
    Then the response status is 200
    And the response JSON at "id" is "{red.id}"
    And the response JSON at "displayName" is "{prefix}blue"
    And the response JSON at "members.#.value" is ["{bob.id}"]
    And Webex holds the group "{red.id}" named "{prefix}blue"
    And the Webex group "{red.id}" has exactly the members "{bob.id}" besides the connector's account

  Scenario: Update Group — PUT without members renames and keeps the members
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "PUT" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}crimson"}
      """
    Then the response status is 200
    And the response JSON at "members.#.value" is ["{alice.id}"]
    And Webex holds the group "{red.id}" named "{prefix}crimson"
    And the Webex group "{red.id}" has exactly the members "{alice.id}" besides the connector's account

  @seed
  Scenario: Delete Group — DELETE /Groups/{id} answers 204 and the team is gone
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "DELETE" to SCIM "/Groups/{red.id}"
    Then the response status is 204
    And the response body is empty
    And Webex holds no group "{red.id}"
    And Webex holds a person with email "{alice}"
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 404
    And the response is a SCIM error

  @seed
  Scenario: Get Group — GET /Groups/{id} answers the team with its members
    Given a Webex person "alice" exists
    And a Webex group "red" exists
    And "alice" is a member of the Webex group "red"
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 200
    And the response JSON at "id" is "{red.id}"
    And the response JSON at "displayName" is "{red.name}"
    And the response JSON at "members.#.value" is ["{alice.id}"]
    And the response header "ETag" matches `^W/".+"$`

  @seed
  Scenario: Get Groups — GET /Groups lists the teams, filtered by displayName
    Given a SCIM group "red" exists
    And a SCIM group "blue" exists
    When I send "GET" to SCIM "/Groups" with the filter `displayName eq "{prefix}red"`
    Then the response status is 200
    And the response JSON at "schemas" is ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    And the response JSON at "totalResults" is 1
    And the response JSON at "Resources.0.id" is "{red.id}"
    When I send "GET" to SCIM "/Groups?count=1000&excludedAttributes=members"
    Then the response status is 200
    And the response JSON at "Resources.#.id" contains "{red.id}"
    And the response JSON at "Resources.#.id" contains "{blue.id}"
    And Webex holds the group "{blue.id}" named "{prefix}blue"

  @seed
  Scenario: Mandatory field — a Group without displayName is refused and nothing is created
    When I send "POST" to SCIM "/Groups" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "members": []}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidValue" and its detail mentions "displayName"

  Scenario: A group past 500 members is answered whole, read and listed
    Given a SCIM group "big" exists with 501 new users as members
    When I send "GET" to SCIM "/Groups/{big.id}"
    Then the response status is 200
    And the response JSON at "members.#" is 501
    And the response JSON at "members.#.value" contains "{big001.id}"
    And the response JSON at "members.#.value" contains "{big501.id}"
    When I send "PATCH" to SCIM "/Groups/{big.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{big001.id}\"]"}]}
      """
    Then the response status is 200
    And the response JSON at "members.#" is 500
    And the response JSON at "members.#.value" does not contain "{big001.id}"
    When I send "GET" to SCIM "/Groups" with the filter `displayName eq "{prefix}big"`
    Then the response JSON at "Resources.0.members.#" is 500
    And the response JSON at "Resources.0.members.#.value" contains "{big501.id}"

  Scenario: A member deleted from Webex leaves the group
    Given a SCIM user "alice" exists
    And a SCIM user "bob" exists
    And a SCIM group "red" exists with the members "alice, bob"
    When I send "DELETE" to SCIM "/Users/{alice.id}"
    Then the response status is 204
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 200
    And the response JSON at "members.#.value" is ["{bob.id}"]
    And the Webex group "{red.id}" has exactly the members "{bob.id}" besides the connector's account

  Scenario: The groups are paged by startIndex and by cursor, filtered by displayName
    Given a SCIM group "pg1" exists
    And a SCIM group "pg2" exists
    And a SCIM group "pg3" exists
    When I send "GET" to SCIM "/Groups?count=2&startIndex=1&excludedAttributes=members" with the filter `displayName sw "{prefix}pg"`
    Then the response status is 200
    And the response JSON at "totalResults" is 3
    And the response JSON at "itemsPerPage" is 2
    And the response JSON at "Resources.#.id" is ["{pg1.id}", "{pg2.id}"]
    When I send "GET" to SCIM "/Groups?count=2&startIndex=3" with the filter `displayName sw "{prefix}pg"`
    Then the response JSON at "Resources.#.id" is ["{pg3.id}"]
    And the response JSON at "startIndex" is 3
    When I send "GET" to SCIM "/Groups?count=2&cursor=" with the filter `displayName sw "{prefix}pg"`
    Then the response JSON at "Resources.#.id" is ["{pg1.id}", "{pg2.id}"]
    And I remember the response JSON at "nextCursor" as "next"
    When I send "GET" to SCIM "/Groups?count=2&cursor={next}" with the filter `displayName sw "{prefix}pg"`
    Then the response JSON at "Resources.#.id" is ["{pg3.id}"]
    And the response JSON at "nextCursor" is absent

  # Table 317, one scenario per row.

  @seed
  Scenario: Mapping 317 — id ↔ id
    Given a SCIM group "red" exists
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response JSON at "id" is "{red.id}"
    And Webex holds the group "{red.id}"

  @seed
  Scenario: Mapping 317 — displayName ↔ name
    Given a SCIM group "red" exists
    Then Webex holds the group "{red.id}" named "{prefix}red"
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}scarlet"}]}
      """
    Then the response status is 200
    And the response JSON at "displayName" is "{prefix}scarlet"
    And Webex holds the group "{red.id}" named "{prefix}scarlet"

  @seed
  Scenario: Mapping 317 — members[].value ↔ memberships' personId
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "members", "value": [{"value": "{alice.id}"}]}]}
      """
    Then the response status is 200
    And the response JSON at "members.#.value" is ["{alice.id}"]
    And the Webex group "{red.id}" has exactly the members "{alice.id}" besides the connector's account

  @seed @teams-only
  Scenario: Mapping 317 — members[].display ← memberships' personDisplayName (read-only)
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.#(personId=={alice.id}).personDisplayName" as "shown"
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 200
    And the response JSON at "members.#(value=={alice.id}).display" is "{shown}"

  @seed @teams-only
  Scenario: Mapping 317 — meta.created ← created
    Given a SCIM group "red" exists
    When I send "GET" to Webex "/teams/{red.id}"
    And I remember the response JSON at "created" as "created"
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 200
    And the response JSON at "meta.created" is the instant "{created}"

  @groups-only
  Scenario: Control Hub groups — members[].display ← the member's displayName (read-only)
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "GET" to Webex "/groups/{red.id}/members"
    And I remember the response JSON at "members.#(id=={alice.id}).displayName" as "shown"
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 200
    And the response JSON at "members.#(value=={alice.id}).display" is "{shown}"
    And the response JSON at "members.#(value=={alice.id}).type" is "User"

  @groups-only
  Scenario: Control Hub groups — meta.created and meta.lastModified ← created and lastModified
    Given a SCIM group "red" exists
    When I send "GET" to Webex "/groups/{red.id}"
    And I remember the response JSON at "created" as "created"
    And I remember the response JSON at "lastModified" as "modified"
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 200
    And the response JSON at "meta.created" is the instant "{created}"
    And the response JSON at "meta.lastModified" is the instant "{modified}"
