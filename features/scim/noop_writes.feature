@mock-only
Feature: A write that changes nothing makes no Webex call (issue 11)
  Identity providers resend the same PATCH, or PUT the same user, on every sync cycle. When the
  result is what Webex holds already, the connector sends Webex nothing, and meta.version and
  meta.lastModified stay as they were (RFC 7644 §3.14). The fake's request log shows it.

  Background:
    Given a SCIM user "boss" exists
    And a SCIM user "dana" exists with:
      """
      {"name": {"givenName": "Dana", "familyName": "Directory"}, "displayName": "{prefix}Dana Directory", "active": true}
      """

  Scenario: A repeated identical PATCH of a user makes no Webex write and leaves meta as it was
    When I send "PATCH" to SCIM "/Users/{dana.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [
         {"op": "Replace", "path": "title", "value": "Staff Engineer"},
         {"op": "Add", "path": "phoneNumbers[type eq \"work\"].value", "value": "+1 408 555 0101"},
         {"op": "Add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+1 408 555 0102"},
         {"op": "Add", "path": "addresses[type eq \"work\"].locality", "value": "San Jose"},
         {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Platform"},
         {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": "{boss.id}"},
         {"op": "Replace", "path": "displayName", "value": "{prefix}Dana Directory"},
         {"op": "Replace", "path": "active", "value": "True"}]}
      """
    Then the response status is 200
    And the response JSON at "title" is "Staff Engineer"
    And I remember the response JSON at "meta.version" as "version"
    And I remember the response JSON at "meta.lastModified" as "lastModified"
    And I note the Webex writes to "/v1/people/{dana.id}"
    When I send "PATCH" to SCIM "/Users/{dana.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [
         {"op": "Replace", "path": "title", "value": "Staff Engineer"},
         {"op": "Add", "path": "phoneNumbers[type eq \"work\"].value", "value": "+1 408 555 0101"},
         {"op": "Add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+1 408 555 0102"},
         {"op": "Add", "path": "addresses[type eq \"work\"].locality", "value": "San Jose"},
         {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Platform"},
         {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": "{boss.id}"},
         {"op": "Replace", "path": "displayName", "value": "{prefix}Dana Directory"},
         {"op": "Replace", "path": "active", "value": "True"}]}
      """
    Then the response status is 200
    And the response JSON at "meta.version" is the remembered "version"
    And the response JSON at "meta.lastModified" is the remembered "lastModified"
    And the response header "ETag" is "{version}"
    And the response JSON at "phoneNumbers.#" is 2
    And the Webex fake received no new writes to "/v1/people/{dana.id}"

  # Webex set nickName to firstName when the create's active:true was written (WX08).
  Scenario: A PUT of the user as it is makes no Webex write
    When I send "GET" to SCIM "/Users/{dana.id}"
    Then the response status is 200
    And I remember the response JSON at "meta.version" as "version"
    And I note the Webex writes to "/v1/people/{dana.id}"
    When I send "PUT" to SCIM "/Users/{dana.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{dana}",
       "name": {"givenName": "Dana", "familyName": "Directory"}, "displayName": "{prefix}Dana Directory", "nickName": "Dana", "active": true}
      """
    Then the response status is 200
    And the response JSON at "meta.version" is the remembered "version"
    And the Webex fake received no new writes to "/v1/people/{dana.id}"

  Scenario: A repeated identical PATCH of a group makes no Webex write and leaves meta as it was
    Given a SCIM group "red" exists with the members "dana"
    # Okta resends the unchanged name with each membership update (fixtures/scim/okta/11).
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [
         {"op": "replace", "value": {"id": "{red.id}", "displayName": "{red.name}"}},
         {"op": "add", "path": "members", "value": [{"value": "{dana.id}"}, {"value": "{boss.id}"}]}]}
      """
    Then the response status is 200
    And I remember the response JSON at "meta.version" as "version"
    And I note the Webex writes to "/v1/team/memberships"
    And I note the Webex writes to "/v1/teams/{red.id}"
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [
         {"op": "replace", "value": {"id": "{red.id}", "displayName": "{red.name}"}},
         {"op": "add", "path": "members", "value": [{"value": "{dana.id}"}, {"value": "{boss.id}"}]}]}
      """
    Then the response status is 200
    And the response JSON at "meta.version" is the remembered "version"
    And the Webex fake received no new writes to "/v1/team/memberships"
    And the Webex fake received no new writes to "/v1/teams/{red.id}"
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{prefix}nobody\"]"}]}
      """
    Then the response status is 200
    And the response JSON at "meta.version" is the remembered "version"
    And the Webex fake received no new writes to "/v1/team/memberships"
    And the Webex fake received no new writes to "/v1/teams/{red.id}"
