Feature: The vendor page's "Connector limitations", and what this connector does about each
  Each limitation comes from Webex itself (the WX quirks of design §5, shown against the Webex API
  in features/webex/quirks/). These scenarios show the SCIM side: where Starling passes the
  quirk on, this connector answers clearly or avoids it.

  @WX01 @read-only
  Scenario: A wrong cursor is 400 invalidCursor, not an empty page echoing the cursor
    When I send "GET" to SCIM "/Users?count=5&cursor=Y3Vyc29yOmdhcmJhZ2U"
    Then the response status is 400
    And the SCIM error has scimType "invalidCursor"
    And the response JSON at "Resources" is absent
    And the response JSON at "nextCursor" is absent

  @WX01
  Scenario: A tampered cursor is 400 invalidCursor
    Given 3 SCIM users exist
    And I send "GET" to SCIM "/Users?count=1&cursor=" with the filter `userName sw "{prefix}"`
    And the response status is 200
    And I remember the response JSON at "nextCursor" as "next"
    When I send "GET" to SCIM "/Users?count=1&cursor={next}x" with the filter `userName sw "{prefix}"`
    Then the response status is 400
    And the SCIM error has scimType "invalidCursor"

  @WX02
  Scenario: A cursor from another listing returns no resources: 400 invalidCursor
    Given I send "GET" to SCIM "/Roles?count=2&cursor="
    And the response status is 200
    And I remember the response JSON at "nextCursor" as "rolesCursor"
    When I send "GET" to SCIM "/Users?count=2&cursor={rolesCursor}"
    Then the response status is 400
    And the SCIM error has scimType "invalidCursor"

  @WX02
  Scenario: A cursor from the same listing with another filter is 400 invalidCursor
    Given 3 SCIM users exist
    And I send "GET" to SCIM "/Users?count=1&cursor=" with the filter `userName sw "{prefix}"`
    And I remember the response JSON at "nextCursor" as "next"
    When I send "GET" to SCIM "/Users?count=1&cursor={next}"
    Then the response status is 400
    And the SCIM error has scimType "invalidCursor"

  @WX09
  Scenario Outline: User creation needs one of displayName, name.givenName, name.familyName — <given> is enough
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}only@example.com", <attribute>}
      """
    Then the response status is 201
    And Webex holds a person with email "{prefix}only@example.com" whose <field> is "<value>"

    Examples:
      | given           | attribute                          | field       | value |
      | displayName     | "displayName": "Only"              | displayName | Only  |
      | name.givenName  | "name": {"givenName": "Only"}      | firstName   | Only  |
      | name.familyName | "name": {"familyName": "Only"}     | lastName    | Only  |

  @WX09
  Scenario: User creation without any of them is 400 naming them, and Webex is not called
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}nobody@example.com", "name": {"middleName": "M"}}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidValue" and its detail mentions "displayName, name.givenName, name.familyName"
    And Webex holds no person with email "{prefix}nobody@example.com"

  @WX03 @group-kinds
  Scenario: Two groups with the same name are both created, and a displayName filter finds both
    When I send "POST" to SCIM "/Groups" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}twins"}
      """
    Then the response status is 201
    And I remember the response JSON at "id" as "first"
    When I send "POST" to SCIM "/Groups" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}twins"}
      """
    Then the response status is 201
    And I remember the response JSON at "id" as "second"
    And Webex holds 2 groups named "{prefix}twins"
    When I send "GET" to SCIM "/Groups?excludedAttributes=members" with the filter `displayName eq "{prefix}twins"`
    Then the response status is 200
    And the response JSON at "totalResults" is 2
    And the response JSON at "Resources.#.id" contains "{first}"
    And the response JSON at "Resources.#.id" contains "{second}"

  @WX04
  Scenario: A member who is a moderator in Webex can still be removed: the connector's account stays moderator
    Given a SCIM user "alice" exists
    And a SCIM user "bob" exists
    And a SCIM group "red" exists with the members "alice, bob"
    And I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.#(personId=={alice.id}).id" as "aliceMembership"
    And I send "PUT" to Webex "/team/memberships/{aliceMembership}" with body:
      """
      {"isModerator": true}
      """
    And the response status is 200
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{alice.id}\"]"}]}
      """
    Then the response status is 200
    And the Webex team "{red.id}" has exactly the members "{bob.id}" besides the connector's account
    And the connector's account is a moderator of the Webex team "{red.id}"

  @WX04
  Scenario: Replacing every member, moderators included, leaves the connector's account as the moderator
    Given a SCIM user "alice" exists
    And a SCIM user "carol" exists
    And a SCIM group "red" exists with the members "alice"
    And I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.#(personId=={alice.id}).id" as "aliceMembership"
    And I send "PUT" to Webex "/team/memberships/{aliceMembership}" with body:
      """
      {"isModerator": true}
      """
    And the response status is 200
    When I send "PUT" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}red", "members": [{"value": "{carol.id}"}]}
      """
    Then the response status is 200
    And the Webex team "{red.id}" has exactly the members "{carol.id}" besides the connector's account
    And the connector's account is a moderator of the Webex team "{red.id}"

  @WX05
  Scenario: Removing the group's last member keeps the group (Starling answers 404 and the team is gone)
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{alice.id}\"]"}]}
      """
    Then the response status is 200
    And the response JSON at "id" is "{red.id}"
    And Webex holds the team "{red.id}" whose name is "{prefix}red"
    And the Webex team "{red.id}" has no members besides the connector's account

  @WX05
  Scenario: A PUT with no members keeps the group
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "PUT" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}red", "members": []}
      """
    Then the response status is 200
    And Webex holds the team "{red.id}" whose name is "{prefix}red"
    And the Webex team "{red.id}" has no members besides the connector's account

  @WX05
  Scenario: Replacing every member by others never empties the team: new members are added first
    Given a SCIM user "alice" exists
    And a SCIM user "bob" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "members", "value": [{"value": "{bob.id}"}]}]}
      """
    Then the response status is 200
    And the response JSON at "id" is "{red.id}"
    And the Webex team "{red.id}" has exactly the members "{bob.id}" besides the connector's account

  @WX06 @WX11
  Scenario: The connector's account is the team's moderator, kept, and never listed as a member
    Given a SCIM user "alice" exists
    When I send "POST" to SCIM "/Groups" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}red", "members": [{"value": "{alice.id}"}]}
      """
    Then the response status is 201
    And I remember the response JSON at "id" as "red"
    And the response JSON at "members.#.value" is ["{alice.id}"]
    And the connector's account is a moderator of the Webex team "{red}"
    When I send "PUT" to SCIM "/Groups/{red}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}red", "members": []}
      """
    Then the response status is 200
    And the connector's account is a moderator of the Webex team "{red}"
    When I send "GET" to SCIM "/Groups" with the filter `members[value eq "{admin.id}"]`
    Then the response status is 200
    And the response JSON at "Resources.#.id" does not contain "{red}"

  @WX06 @mock-only
  Scenario: Once someone demotes the connector's account in Webex, a group write is 403 saying how to fix it
    Given a SCIM user "bob" exists
    And a SCIM group "red" exists with the members "bob"
    And I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.#(personId=={bob.id}).id" as "bobMembership"
    And I remember the response JSON at "items.#(personId=={admin.id}).id" as "mine"
    And I send "PUT" to Webex "/team/memberships/{bobMembership}" with body:
      """
      {"isModerator": true}
      """
    And the response status is 200
    And "bob" has a Webex access token
    And I send "PUT" to Webex "/team/memberships/{mine}" as "bob" with body:
      """
      {"isModerator": false}
      """
    And the response status is 200
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}renamed"}]}
      """
    Then the response status is 403
    And the SCIM error's detail mentions "moderator"
    And Webex holds the team "{red.id}" whose name is "{prefix}red"

  @WX06 @mock-only
  Scenario: Once someone removes the connector's account from the team, the group is 404 to it
    Given a SCIM user "bob" exists
    And a SCIM group "red" exists with the members "bob"
    And I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.#(personId=={bob.id}).id" as "bobMembership"
    And I remember the response JSON at "items.#(personId=={admin.id}).id" as "mine"
    And I send "PUT" to Webex "/team/memberships/{bobMembership}" with body:
      """
      {"isModerator": true}
      """
    And the response status is 200
    And "bob" has a Webex access token
    And I send "DELETE" to Webex "/team/memberships/{mine}" as "bob"
    And the response status is 204
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 404
    And the response is a SCIM error

  @WX07
  Scenario Outline: A user deleted in Webex is 404 to <method>, where Webex itself answers 403
    Given a SCIM user "joy" exists
    And I send "DELETE" to Webex "/people/{joy.id}"
    And the response status is 204
    When I send "<method>" to SCIM "/Users/{joy.id}" with body:
      """
      <body>
      """
    Then the response status is 404
    And the response is a SCIM error

    Examples:
      | method | body                                                                                                                   |
      | PUT    | {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{joy}", "displayName": "Joy"}                 |
      | PATCH  | {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "displayName", "value": "x"}]} |

  @WX07
  Scenario: A user deleted twice: the second DELETE is 404, and GET is 404
    Given a SCIM user "joy" exists
    When I send "DELETE" to SCIM "/Users/{joy.id}"
    Then the response status is 204
    When I send "DELETE" to SCIM "/Users/{joy.id}"
    Then the response status is 404
    And the response is a SCIM error
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 404
    And the response is a SCIM error
