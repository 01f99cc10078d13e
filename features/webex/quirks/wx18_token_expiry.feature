@WX18 @mock-only
Feature: WX18 — access tokens expire after 14 days; refresh tokens renew them
  Webex documentation: access tokens live 14 days (expires_in 1209600) and are renewed with
  grant_type=refresh_token; a bad refresh token is 400 invalid_grant (RFC 6749 §5.2). The
  fake's clock is moved, and set back after the scenario. The client id and secret are the
  default seed's integration app (design §2).

  Scenario: An access token is refused once 14 days have passed
    Given a Webex person "bob" exists
    And "bob" has a Webex access token
    And I send "GET" to Webex "/people/me" as "bob"
    And the response status is 200
    When the Webex fake's clock moves forward by "336h"
    And I send "GET" to Webex "/people/me" as "bob"
    Then the response status is 401
    And the response is a Webex error

  Scenario: Consent, expiry, and renewal with the refresh token
    When I send "GET" to Webex "/authorize?client_id=mock-client-id&response_type=code&redirect_uri=http://127.0.0.1:1/callback&state=s1"
    Then the response status is 302
    And I remember the query parameter "code" of the response header "Location" as "code"
    When I send "POST" to Webex "/access_token" with the form:
      | grant_type    | authorization_code           |
      | client_id     | mock-client-id               |
      | client_secret | mock-client-secret           |
      | code          | {code}                       |
      | redirect_uri  | http://127.0.0.1:1/callback  |
    Then the response status is 200
    And the response JSON at "expires_in" is 1209600
    And I remember the response JSON at "access_token" as "access"
    And I remember the response JSON at "refresh_token" as "refresh"
    When I send "GET" to Webex "/people/me" with the token "{access}"
    Then the response status is 200
    And the response JSON at "id" is "{admin.id}"
    When the Webex fake's clock moves forward by "337h"
    And I send "GET" to Webex "/people/me" with the token "{access}"
    Then the response status is 401
    When I send "POST" to Webex "/access_token" with the form:
      | grant_type    | refresh_token      |
      | client_id     | mock-client-id     |
      | client_secret | mock-client-secret |
      | refresh_token | {refresh}          |
    Then the response status is 200
    And I remember the response JSON at "access_token" as "renewed"
    When I send "GET" to Webex "/people/me" with the token "{renewed}"
    Then the response status is 200
    And the response JSON at "id" is "{admin.id}"

  Scenario: A bad refresh token is 400 invalid_grant
    When I send "POST" to Webex "/access_token" with the form:
      | grant_type    | refresh_token            |
      | client_id     | mock-client-id           |
      | client_secret | mock-client-secret       |
      | refresh_token | not-a-refresh-token      |
    Then the response status is 400
    And the response JSON at "error" is "invalid_grant"
