Feature: The consenting administrator cannot be turned against the connector through /Users (issue 15; design §3.8)
  The connector works as the Webex administrator who consented. Taking that person's roles,
  licences or login away, or deleting it, through SCIM would leave every later write 403 and every
  listing 400; the connector refuses it and changes nothing. These run against the fake only: a
  regression would strip a real administrator.

  @mock-only
  Scenario: Removing the administrator's roles is refused and changes nothing
    When I send "PATCH" to SCIM "/Users/{admin.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "roles"}]}
      """
    Then the response status is 403
    And the response JSON at "detail" matches `the Webex administrator the connector works as`
    When I send "GET" to SCIM "/Users/{admin.id}"
    Then the response status is 200
    And the response JSON at "roles" is an array
    When I send "GET" to SCIM "/Users?count=1"
    Then the response status is 200

  @mock-only
  Scenario: Deactivating or deleting the administrator is refused
    When I send "PATCH" to SCIM "/Users/{admin.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "active", "value": false}]}
      """
    Then the response status is 403
    When I send "DELETE" to SCIM "/Users/{admin.id}"
    Then the response status is 403
    When I send "GET" to SCIM "/Users/{admin.id}"
    Then the response status is 200
    And the response JSON at "active" is true
