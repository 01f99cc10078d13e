@WX21
Feature: WX21 — several groups may have one displayName (inferred)
  The native SCIM Group schema gives displayName uniqueness none, so /groups allows duplicates
  (control-hub-groups-facts §3): a connector must key groups by id, never by name.

  Background:
    Given a Webex person "alice" exists
    And a Webex person "bob" exists

  Scenario: Two groups may have one displayName
    Given I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Twin"}
      """
    When I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Twin"}
      """
    Then the response status is 201
    When I send "GET" to Webex "/groups?filter=displayName%20eq%20%22{prefix}Twin%22"
    Then the response JSON at "totalResults" is 2
