/// The OpenAPI 3.1 description of the API, served at `/openapi.json`.
///
/// Kept in step with the routes in `Routes/` by hand; `OpenAPIDocumentTests` checks its structure.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Pixora API",
        "version": "1.0.0",
        "summary": "Prompt-to-video generation with plans, scene regeneration, editable versions and credits.",
        "description": "The HTTP API of Pixora: describe a video in a prompt, review (and optionally edit) the plan of scenes, have it generated (narration, pictures, clips, music, captions), follow its progress live, regenerate single scenes, and save edited versions that are rendered again.\n\nAll API paths start with `/api/v1/`; `/healthz`, `/readyz`, `/metrics` and `/openapi.json` are at the root.\n\n## Browser studio\nThe server also serves the browser studio at `/`: static HTML, CSS and JavaScript files (no build step), answered for GET and HEAD with an `ETag` and a `Content-Security-Policy`. A GET for a page path that is not a file and has no extension (such as `/dashboard`) is answered with the studio's `index.html`, whose router shows the page (an SPA fallback); paths under `/api/` and `/healthz`, `/readyz`, `/metrics` and `/openapi.json` are never answered by it. With `PIXORA_WEB_DIR` the files are served from that folder instead of those bundled with the server. The studio is a client of this API; its pages are not API operations and are not described here.\n\n## Authentication\n* `POST /api/v1/auth/register` and `POST /api/v1/auth/login` answer with an **access token** (a JWT signed with HS256) and a **refresh token**. Send the access token as `Authorization: Bearer <token>`.\n* Access tokens live **15 minutes** (`expiresIn` is in seconds: 900). An expired token is answered with 401 `token_expired`; a token that does not verify with 401 `invalid_token`.\n* Refresh tokens are opaque and **rotate**: `POST /api/v1/auth/refresh` returns a new access token *and* a new refresh token, and the one sent stops working. Sending a refresh token that was already used (a replay) **revokes its whole family** - every refresh token descended from the same sign-in - and is answered with 401 `token_reused`; the user has to sign in again. Refresh tokens expire after 30 days. `POST /api/v1/auth/logout` revokes the family of the refresh token sent; resetting the password revokes every refresh token of the account.\n* When a request carries an `Authorization` header it is checked on every route, including those that need no sign-in: a header that is not `Bearer <token>`, or a bad or expired token, is answered with 401.\n* Media files and the event stream (`GET /api/v1/videos/{id}/video`, `.../thumbnail`, `.../versions/{vid}/video`, `.../versions/{vid}/thumbnail`, `/api/v1/assets/{key}`, `/api/v1/users/me/avatar`, `/api/v1/videos/{id}/events`) also accept a **signed link** instead of the header, because `<video>`, `<img>` and `EventSource` cannot send headers: the URLs the API returns (`videoUrl`, `thumbnailUrl`, `avatarUrl`, `eventsUrl`, scene asset `url`) are paths with an `access=<expiry>.<user id>.<signature>` query parameter, valid for one hour, for that path and that user only. A wrong or expired link is answered with 401 `invalid_link`.\n* Sign-in attempts are rate-limited per email (10 per 15 minutes by default, `PIXORA_LOGIN_LIMIT`) and per client address (5 times that): 429 `rate_limited` with a `Retry-After` header. A successful sign-in resets the email's count.\n* The first account created on a server gets the role `admin`; later ones get `user`.\n\n## Credits and pricing\n* A new account starts with **100 credits** (the sign-up grant).\n* A video costs **1 credit per second of target duration** (`settings.durationSeconds`, 5 to 120 s), rounded up: a 30-second video costs 30 credits. The price is charged when `POST /api/v1/videos` accepts the request, and refunded (a `video_refund` ledger row) if the video fails or is cancelled. `POST /api/v1/plans` shows the plan and the price without charging anything.\n* Regenerating a scene costs **3 credits for the visual** (picture and clip) and **1 credit for the audio** (narration), 4 for both; `regenerate: both` without new narration text only regenerates (and charges) the visual. The charge is refunded if the regeneration fails.\n* Saving an edited version renders it **for free** (0 credits): no new assets are generated.\n* Without enough credits the request is answered with 402 `insufficient_credits`, whose `details` hold the `balance` and the `price`. `GET /api/v1/users/me/credits` shows the balance and these prices; every change of the balance is a row of the ledger at `GET /api/v1/users/me/credits/transactions`.\n\n## Limits\n* **At most 5 versions per video.** Saving a sixth removes the oldest version that is neither the video's current version nor still queued or rendering; the response lists the removed version numbers in `removedVersions`. When no version can be removed the save is answered with 409 `conflict`.\n* **At most 5 revisions per scene.** A sixth regeneration drops the oldest revision; the response says how many were dropped in `prunedRevisions`.\n* A prompt has at most 2000 characters, a script at most 20000, a plan 1 to 40 scenes, an editor state 1 to 60 clips, an editor request 1 to 100 operations, an assistant instruction 1 to 500 characters.\n* JSON request bodies are at most 1 MiB (bodies that hold an editor state - saving a version, `POST /api/v1/editor/apply` and `POST /api/v1/editor/assistant` - at most 4 MiB); an avatar at most 2 MiB. Larger bodies are answered with 413 `payload_too_large`.\n\n## Pagination\n`GET /api/v1/videos` and `GET /api/v1/users/me/credits/transactions` list newest first, a page at a time (`GET /api/v1/videos?sort=oldest` lists oldest first). `limit` is 1 to 100 (default 20). A page's `nextCursor` is an opaque string: pass it as `cursor` to get the next page. The last page has no `nextCursor`. A cursor the API did not return is answered with 422.\n\n## Requests and responses\n* JSON keys are camelCase. Optional properties that have no value are **left out** of responses (never `null`).\n* In request bodies, optional properties may be left out or sent as `null`; unknown properties are ignored. Values of named choices (aspect ratio, quality, style, tone, voice, mood, transition kind, font, encoder preset) are matched case-insensitively.\n* Timestamps are ISO 8601 strings in UTC with milliseconds.\n* `X-Request-Id`: a request may name itself with 1 to 64 letters, digits, `-` and `_`; otherwise the server makes an id. The id is logged with every line about the request and returned in the `X-Request-Id` response header.\n\n## Idempotency\n* `POST /api/v1/videos` accepts an `Idempotency-Key` header (1 to 200 characters). A retry with a key this user has already used creates and charges nothing: it is answered with 200 (instead of 201), the header `Idempotent-Replayed: true`, and the video created by the first request.\n* `POST /api/v1/admin/users/{id}/credits` accepts an `Idempotency-Key` header too; an adjustment whose key was already applied for that user is answered with 409 `already_applied`.\n\n## Errors\nEvery error is JSON: `{\"error\": {\"code\": \"...\", \"message\": \"...\", \"details\": {...}}}`; `details` is only present for some codes. `code` is stable and meant for programs, `message` is for people. The codes: `invalid_json` (400: the body is empty, not JSON or not an object), `invalid_idempotency_key` (400), `invalid_token` (400 on password reset, 401 otherwise), `unauthorized`, `token_expired`, `token_reused`, `invalid_credentials`, `invalid_link` (401), `insufficient_credits` (402), `forbidden` (403), `not_found` and `not_rendered` (404), `method_not_allowed` (405), `email_taken`, `conflict`, `not_running`, `video_not_ready`, `video_busy`, `version_not_ready`, `already_applied` (409), `payload_too_large` (413), `unsupported_media_type` (415), `range_not_satisfiable` (416), `validation_failed` (422, with `details.issues`: one `{field, message}` per problem, `field` being a path such as `settings.durationSeconds` or `editorState.clips[2].duration`), `not_understood` (422: the editor assistant could not turn the instruction into an edit), `rate_limited` (429), `internal_error` (500) and `unavailable` (503).\n\n## Live progress: Server-Sent Events\n`GET /api/v1/videos/{id}/events` (open the video's `eventsUrl` with an `EventSource`) streams `text/event-stream`:\n* The stream starts with `retry: 2000`.\n* Then, each time the video or its newest job changes (checked every 300 ms), one message: `id: <n>` (1, 2, ...), `event: progress` or `event: end`, and `data:` one line of JSON, the `EventBody` schema: `videoId`, `status`, `creditsUsed`, and when present `error`, `currentVersion` and `job` (`id`, `kind`, `state`, `attempts`, `error`, `progress`). The first message holds the whole current picture, so a client that reconnects misses nothing.\n* `event: end` is the last message: it is sent when the newest job has finished (`succeeded`, `failed` or `cancelled`) and the video is neither `queued` nor `running`; then the stream closes.\n* `event: deleted` with `data: {\"videoId\": \"...\"}` is sent, and the stream closes, when the video is deleted.\n* When nothing changes for 15 seconds a `: keep-alive` comment line is sent.\n\nExample:\n```\nretry: 2000\n\nid: 1\nevent: progress\ndata: {\"creditsUsed\":30,\"job\":{\"attempts\":1,\"id\":\"...\",\"kind\":\"generate_video\",\"progress\":{\"fraction\":0.31,\"message\":\"picture 2 of 6\",\"scenes\":[...],\"stage\":\"visuals\"},\"state\":\"running\"},\"status\":\"running\",\"videoId\":\"...\"}\n\nid: 2\nevent: end\ndata: {\"creditsUsed\":30,\"currentVersion\":1,\"job\":{...,\"state\":\"succeeded\"},\"status\":\"completed\",\"videoId\":\"...\"}\n```\n"
      },
      "servers": [
        {
          "url": "/",
          "description": "The server this document is served by."
        }
      ],
      "tags": [
        {
          "name": "System",
          "description": "Health, readiness, metrics and this document."
        },
        {
          "name": "Auth",
          "description": "Accounts, sign-in, token refresh, sign-out and password reset."
        },
        {
          "name": "Plans",
          "description": "Planning a video without generating it."
        },
        {
          "name": "Videos",
          "description": "Creating, listing, reading, renaming, deleting and cancelling videos."
        },
        {
          "name": "Scenes",
          "description": "A video's scenes, their revisions and assets, and regeneration."
        },
        {
          "name": "Versions",
          "description": "Saved edits of a video (editor states) and their renders."
        },
        {
          "name": "Editor",
          "description": "The editor: a version's document with signed links to its assets, typed edits applied on the server, and the assistant that turns plain-language instructions into edits. Nothing here saves or charges; save an edited state with `POST /api/v1/videos/{id}/versions`."
        },
        {
          "name": "Media",
          "description": "Video, thumbnail, asset and avatar files (bearer token or signed link; byte ranges)."
        },
        {
          "name": "Events",
          "description": "Live progress as Server-Sent Events."
        },
        {
          "name": "Users",
          "description": "The signed-in user's profile, avatar and usage statistics."
        },
        {
          "name": "Credits",
          "description": "Balance, prices and the ledger."
        },
        {
          "name": "Admin",
          "description": "Administration."
        }
      ],
      "security": [
        {
          "bearerAuth": []
        }
      ],
      "paths": {
        "/healthz": {
          "get": {
            "operationId": "getHealth",
            "summary": "Liveness check",
            "tags": [
              "System"
            ],
            "description": "Answers `{\"status\": \"ok\"}` while the process runs; does not touch the database.",
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [],
            "responses": {
              "200": {
                "description": "The process is up.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SystemStatus"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/BadAuthorizationHeader"
              }
            }
          }
        },
        "/readyz": {
          "get": {
            "operationId": "getReadiness",
            "summary": "Readiness check",
            "tags": [
              "System"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [],
            "responses": {
              "200": {
                "description": "The database answers and every migration is applied (`status`: `ready`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SystemStatus"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/BadAuthorizationHeader"
              },
              "503": {
                "description": "Not ready: `status` is `migrations pending` (with `migrations` applied so far) or `database unavailable`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SystemStatus"
                    }
                  }
                }
              }
            }
          }
        },
        "/metrics": {
          "get": {
            "operationId": "getMetrics",
            "summary": "Prometheus metrics",
            "tags": [
              "System"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [],
            "responses": {
              "200": {
                "description": "Metrics in the Prometheus text format (`text/plain; version=0.0.4; charset=utf-8`): `pixora_http_requests_total` and `pixora_http_request_duration_seconds` by method, route and status, and `pixora_jobs` by state.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "text/plain": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/BadAuthorizationHeader"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/openapi.json": {
          "get": {
            "operationId": "getOpenAPIDocument",
            "summary": "This OpenAPI document",
            "tags": [
              "System"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [],
            "responses": {
              "200": {
                "description": "The OpenAPI 3.1 document of the API.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/BadAuthorizationHeader"
              }
            }
          }
        },
        "/api/v1/auth/register": {
          "post": {
            "operationId": "register",
            "summary": "Create an account",
            "tags": [
              "Auth"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RegisterRequest"
                  }
                }
              }
            },
            "security": [],
            "responses": {
              "201": {
                "description": "The account, signed in. It starts with the sign-up grant of 100 credits.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Session"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "#/components/responses/BadAuthorizationHeader"
              },
              "409": {
                "$ref": "#/components/responses/Conflict",
                "description": "`email_taken`: an account with this email exists."
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: a missing field; `email` not a valid address; `password` shorter than 8 characters or longer than 72 bytes; `name` longer than 100 characters."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/auth/login": {
          "post": {
            "operationId": "login",
            "summary": "Sign in",
            "tags": [
              "Auth"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/LoginRequest"
                  }
                }
              }
            },
            "security": [],
            "responses": {
              "200": {
                "description": "Signed in: a new access token and a new refresh token (a new token family).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Session"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "description": "`invalid_credentials`: the email or the password is wrong. Also 401 when an `Authorization` header is sent and is not a valid `Bearer` token.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                },
                "headers": {
                  "WWW-Authenticate": {
                    "$ref": "#/components/headers/WWWAuthenticate"
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/auth/refresh": {
          "post": {
            "operationId": "refreshSession",
            "summary": "Exchange a refresh token for new tokens",
            "tags": [
              "Auth"
            ],
            "description": "Refresh tokens rotate: each one works once. Reusing one revokes every token of its family.",
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RefreshRequest"
                  }
                }
              }
            },
            "security": [],
            "responses": {
              "200": {
                "description": "A new access token and a new refresh token; the refresh token sent no longer works.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Session"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "description": "`invalid_token`: the refresh token is unknown, expired or signed out; `token_reused`: it was already used, so its whole family was revoked (sign in again). Also 401 when an `Authorization` header is sent and is not a valid `Bearer` token.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                },
                "headers": {
                  "WWW-Authenticate": {
                    "$ref": "#/components/headers/WWWAuthenticate"
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/auth/logout": {
          "post": {
            "operationId": "logout",
            "summary": "Sign out",
            "tags": [
              "Auth"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RefreshRequest"
                  }
                }
              }
            },
            "security": [],
            "responses": {
              "204": {
                "description": "Signed out: the refresh token's family is revoked (an unknown token is ignored). Access tokens already issued stay valid until they expire.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "#/components/responses/BadAuthorizationHeader"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/auth/request-password-reset": {
          "post": {
            "operationId": "requestPasswordReset",
            "summary": "Ask for a password reset mail",
            "tags": [
              "Auth"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/PasswordResetRequest"
                  }
                }
              }
            },
            "security": [],
            "responses": {
              "202": {
                "description": "Accepted. The same answer whether or not an account uses the email; if one does, a mail with a reset link (valid one hour, once) is sent in the background.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Accepted"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "#/components/responses/BadAuthorizationHeader"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: a missing field or an invalid email address."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/auth/reset-password": {
          "post": {
            "operationId": "resetPassword",
            "summary": "Choose a new password with a reset token",
            "tags": [
              "Auth"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ResetPasswordRequest"
                  }
                }
              }
            },
            "security": [],
            "responses": {
              "204": {
                "description": "The password is changed and every refresh token of the account is revoked.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                }
              },
              "400": {
                "description": "`invalid_json`: the body is empty, not JSON or not an object; `invalid_token`: the reset token is not valid, was already used, or has expired.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/BadAuthorizationHeader"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: a missing field, or a password shorter than 8 characters or longer than 72 bytes."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/video": {
          "get": {
            "operationId": "getVideoFile",
            "summary": "Download or stream a video's MP4",
            "tags": [
              "Media"
            ],
            "description": "Authenticated with a bearer token, or with the signed link the API returned (`access`).",
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/Access"
              },
              {
                "$ref": "#/components/parameters/Range"
              },
              {
                "name": "download",
                "in": "query",
                "required": false,
                "description": "When present (any value), the file is sent as an attachment named after the video's title.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {}
            ],
            "responses": {
              "200": {
                "description": "The video's current render.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  },
                  "Content-Disposition": {
                    "$ref": "#/components/headers/ContentDisposition"
                  }
                },
                "content": {
                  "video/mp4": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "video/mp4"
                    }
                  }
                }
              },
              "206": {
                "description": "The byte range asked for in `Range`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  },
                  "Content-Disposition": {
                    "$ref": "#/components/headers/ContentDisposition"
                  },
                  "Content-Range": {
                    "$ref": "#/components/headers/ContentRange"
                  }
                },
                "content": {
                  "video/mp4": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "video/mp4"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/MediaUnauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video; `not_rendered`: it has not been rendered yet."
              },
              "416": {
                "$ref": "#/components/responses/RangeNotSatisfiable"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/thumbnail": {
          "get": {
            "operationId": "getVideoThumbnail",
            "summary": "A video's thumbnail",
            "tags": [
              "Media"
            ],
            "description": "Authenticated with a bearer token, or with the signed link the API returned (`access`).",
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/Access"
              },
              {
                "$ref": "#/components/parameters/Range"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {}
            ],
            "responses": {
              "200": {
                "description": "The thumbnail of the video's current render.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  }
                },
                "content": {
                  "image/jpeg": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/jpeg"
                    }
                  }
                }
              },
              "206": {
                "description": "The byte range asked for in `Range`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  },
                  "Content-Range": {
                    "$ref": "#/components/headers/ContentRange"
                  }
                },
                "content": {
                  "image/jpeg": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/jpeg"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/MediaUnauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video; `not_rendered`: it has no thumbnail yet."
              },
              "416": {
                "$ref": "#/components/responses/RangeNotSatisfiable"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/versions/{vid}/video": {
          "get": {
            "operationId": "getVersionVideoFile",
            "summary": "Download or stream a version's MP4",
            "tags": [
              "Media"
            ],
            "description": "Authenticated with a bearer token, or with the signed link the API returned (`access`).",
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/VersionId"
              },
              {
                "$ref": "#/components/parameters/Access"
              },
              {
                "$ref": "#/components/parameters/Range"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {}
            ],
            "responses": {
              "200": {
                "description": "The version's render.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  }
                },
                "content": {
                  "video/mp4": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "video/mp4"
                    }
                  }
                }
              },
              "206": {
                "description": "The byte range asked for in `Range`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  },
                  "Content-Range": {
                    "$ref": "#/components/headers/ContentRange"
                  }
                },
                "content": {
                  "video/mp4": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "video/mp4"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/MediaUnauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video or version; `not_rendered`: the version has not been rendered yet."
              },
              "416": {
                "$ref": "#/components/responses/RangeNotSatisfiable"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/versions/{vid}/thumbnail": {
          "get": {
            "operationId": "getVersionThumbnail",
            "summary": "A version's thumbnail",
            "tags": [
              "Media"
            ],
            "description": "Authenticated with a bearer token, or with the signed link the API returned (`access`).",
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/VersionId"
              },
              {
                "$ref": "#/components/parameters/Access"
              },
              {
                "$ref": "#/components/parameters/Range"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {}
            ],
            "responses": {
              "200": {
                "description": "The thumbnail of the version's render.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  }
                },
                "content": {
                  "image/jpeg": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/jpeg"
                    }
                  }
                }
              },
              "206": {
                "description": "The byte range asked for in `Range`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  },
                  "Content-Range": {
                    "$ref": "#/components/headers/ContentRange"
                  }
                },
                "content": {
                  "image/jpeg": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/jpeg"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/MediaUnauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video or version; `not_rendered`: the version has no thumbnail yet."
              },
              "416": {
                "$ref": "#/components/responses/RangeNotSatisfiable"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/assets/{key}": {
          "get": {
            "operationId": "getAsset",
            "summary": "A scene asset file",
            "tags": [
              "Media"
            ],
            "description": "Authenticated with a bearer token, or with the signed link the API returned (`access`).",
            "parameters": [
              {
                "$ref": "#/components/parameters/AssetKey"
              },
              {
                "$ref": "#/components/parameters/Access"
              },
              {
                "$ref": "#/components/parameters/Range"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {}
            ],
            "responses": {
              "200": {
                "description": "The asset; its type follows the key's extension (png, mp4, wav, json, mid).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  }
                },
                "content": {
                  "image/png": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/png"
                    }
                  },
                  "video/mp4": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "video/mp4"
                    }
                  },
                  "audio/wav": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "audio/wav"
                    }
                  },
                  "application/json": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "application/json"
                    }
                  },
                  "audio/midi": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "audio/midi"
                    }
                  }
                }
              },
              "206": {
                "description": "The byte range asked for in `Range`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  },
                  "Content-Range": {
                    "$ref": "#/components/headers/ContentRange"
                  }
                },
                "content": {
                  "image/png": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/png"
                    }
                  },
                  "video/mp4": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "video/mp4"
                    }
                  },
                  "audio/wav": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "audio/wav"
                    }
                  },
                  "application/json": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "application/json"
                    }
                  },
                  "audio/midi": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "audio/midi"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/MediaUnauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: not a valid key, or not an asset of one of the caller's videos."
              },
              "416": {
                "$ref": "#/components/responses/RangeNotSatisfiable"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/users/me/avatar": {
          "get": {
            "operationId": "getAvatar",
            "summary": "The caller's avatar image",
            "tags": [
              "Media"
            ],
            "description": "Authenticated with a bearer token, or with the signed link the API returned (`access`).",
            "parameters": [
              {
                "$ref": "#/components/parameters/Access"
              },
              {
                "$ref": "#/components/parameters/Range"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {}
            ],
            "responses": {
              "200": {
                "description": "The avatar.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  }
                },
                "content": {
                  "image/png": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/png"
                    }
                  },
                  "image/jpeg": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/jpeg"
                    }
                  },
                  "image/webp": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/webp"
                    }
                  }
                }
              },
              "206": {
                "description": "The byte range asked for in `Range`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Accept-Ranges": {
                    "$ref": "#/components/headers/AcceptRanges"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Content-Length": {
                    "$ref": "#/components/headers/ContentLength"
                  },
                  "Content-Range": {
                    "$ref": "#/components/headers/ContentRange"
                  }
                },
                "content": {
                  "image/png": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/png"
                    }
                  },
                  "image/jpeg": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/jpeg"
                    }
                  },
                  "image/webp": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "image/webp"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/MediaUnauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: the user has no avatar."
              },
              "416": {
                "$ref": "#/components/responses/RangeNotSatisfiable"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          },
          "put": {
            "operationId": "uploadAvatar",
            "summary": "Upload the caller's avatar",
            "tags": [
              "Users"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The image bytes, at most 2 MiB; `Content-Type` must match the actual image type.",
              "content": {
                "image/png": {
                  "schema": {
                    "type": "string",
                    "contentMediaType": "image/png"
                  }
                },
                "image/jpeg": {
                  "schema": {
                    "type": "string",
                    "contentMediaType": "image/jpeg"
                  }
                },
                "image/webp": {
                  "schema": {
                    "type": "string",
                    "contentMediaType": "image/webp"
                  }
                }
              }
            },
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The updated user, with a new `avatarUrl`; the previous avatar is deleted.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/User"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge",
                "description": "`payload_too_large`: the image is larger than 2 MiB."
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType",
                "description": "`unsupported_media_type`: `Content-Type` is not image/png, image/jpeg or image/webp, the bytes are not a PNG, JPEG or WebP image, or they are another type than declared."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/events": {
          "get": {
            "operationId": "streamVideoEvents",
            "summary": "Follow a video's progress (Server-Sent Events)",
            "tags": [
              "Events"
            ],
            "description": "Authenticated with a bearer token, or with the signed `eventsUrl` (`access`), which `EventSource` can open. The data of each `progress` and `end` event is an `EventBody` (`#/components/schemas/EventBody`).",
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/Access"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {}
            ],
            "responses": {
              "200": {
                "description": "A `text/event-stream` (with `Cache-Control: no-cache`): `retry: 2000`, then `progress` events, and a last `end` event (or `deleted`), each with `id` and a one-line JSON `data` (the `EventBody` schema; `{\"videoId\": ...}` for `deleted`); `: keep-alive` comments every 15 s of quiet. See the description of this API.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "text/event-stream": {
                    "schema": {
                      "type": "string",
                      "description": "Server-Sent Events; each `data` line is an `EventBody`."
                    },
                    "example": "retry: 2000\n\nid: 1\nevent: progress\ndata: {\"creditsUsed\":30,\"job\":{...},\"status\":\"running\",\"videoId\":\"...\"}\n\n"
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/MediaUnauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/plans": {
          "post": {
            "operationId": "previewPlan",
            "summary": "Plan a video without generating it (free)",
            "tags": [
              "Plans"
            ],
            "description": "Plans the scenes for a prompt (and optional settings and script) so the user can review and edit them, then send the plan to `POST /api/v1/videos`. With a `plan` in the body it is validated and echoed with its price.",
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/VideoRequest"
                  }
                }
              }
            },
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The plan, what generating it would cost, and the caller's balance. Nothing is charged or saved.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PlanPreview"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: `prompt` missing or too long, `script` empty or too long, `settings.<field>` or `plan.<field>` out of range."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos": {
          "post": {
            "operationId": "createVideo",
            "summary": "Create a video (charged)",
            "tags": [
              "Videos"
            ],
            "description": "Charges the price, creates the video and queues its `generate_video` job in one transaction. Follow the job on `eventsUrl`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/IdempotencyKey"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/VideoRequest"
                  }
                }
              }
            },
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "Replayed: a video was already created with this `Idempotency-Key`; that video is returned and nothing is charged.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  },
                  "Idempotent-Replayed": {
                    "$ref": "#/components/headers/IdempotentReplayed"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Video"
                    }
                  }
                }
              },
              "201": {
                "description": "Created and queued; the price (1 credit per second of target duration, rounded up) is charged. The answer includes `job` and, when a plan was sent, `plan`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Video"
                    }
                  }
                }
              },
              "400": {
                "description": "`invalid_json`: the body is empty, not JSON or not an object; `invalid_idempotency_key`: `Idempotency-Key` is empty or longer than 200 characters.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "402": {
                "$ref": "#/components/responses/InsufficientCredits"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: `prompt` missing or too long, `script` empty or too long, `settings.<field>` or `plan.<field>` out of range."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          },
          "get": {
            "operationId": "listVideos",
            "summary": "List the caller's videos",
            "tags": [
              "Videos"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              },
              {
                "name": "status",
                "in": "query",
                "required": false,
                "description": "Only videos with this status.",
                "schema": {
                  "$ref": "#/components/schemas/VideoStatus"
                }
              },
              {
                "name": "q",
                "in": "query",
                "required": false,
                "description": "Only videos whose title or prompt contains this text (case-insensitive), at most 200 characters.",
                "schema": {
                  "type": "string",
                  "maxLength": 200
                }
              },
              {
                "name": "sort",
                "in": "query",
                "required": false,
                "description": "Order of the list: `newest` first (the default) or `oldest` first. Pass the same `sort` with `cursor` as for the page it came from.",
                "schema": {
                  "type": "string",
                  "enum": [
                    "newest",
                    "oldest"
                  ],
                  "default": "newest"
                }
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "One page, newest first (oldest first with `sort=oldest`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VideoPage"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: `limit`, `status`, `cursor`, `q` or `sort` (not `newest` or `oldest`) not acceptable."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}": {
          "get": {
            "operationId": "getVideo",
            "summary": "Get a video",
            "tags": [
              "Videos"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The video, with its newest `job` and its `plan`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Video"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          },
          "patch": {
            "operationId": "renameVideo",
            "summary": "Rename a video",
            "tags": [
              "Videos"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RenameRequest"
                  }
                }
              }
            },
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The renamed video (without `job` and `plan`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Video"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video."
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: `title` missing, empty or longer than 200 characters."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          },
          "delete": {
            "operationId": "deleteVideo",
            "summary": "Delete a video",
            "tags": [
              "Videos"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "204": {
                "description": "Deleted with its scenes, versions and files; unfinished jobs are cancelled and their charges refunded.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/cancel": {
          "post": {
            "operationId": "cancelVideo",
            "summary": "Cancel a video's unfinished jobs",
            "tags": [
              "Videos"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "Cancelled: the video is `cancelled` (if it was not finished) and what the jobs charged is refunded. The answer includes `job` and `plan`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Video"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video."
              },
              "409": {
                "$ref": "#/components/responses/Conflict",
                "description": "`not_running`: the video is finished and has no unfinished job."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/scenes": {
          "get": {
            "operationId": "listScenes",
            "summary": "List a video's scenes, revisions and assets",
            "tags": [
              "Scenes"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The scenes in order, each with its current content, revisions and current assets.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SceneList"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/scenes/{sid}": {
          "post": {
            "operationId": "regenerateScene",
            "summary": "Regenerate a scene's visual, audio or both",
            "tags": [
              "Scenes"
            ],
            "description": "Only for a completed video with no job running. The new revision becomes the scene's current one when its `regenerate_scene` job succeeds (and the video is re-rendered); if it fails, the charge is refunded.",
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/SceneId"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RegenerateRequest"
                  }
                }
              }
            },
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "202": {
                "description": "Accepted: a new revision is queued and charged (visual 3 credits, audio 1). At most 5 revisions are kept per scene; `prunedRevisions` says how many old ones were dropped.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Regeneration"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "402": {
                "$ref": "#/components/responses/InsufficientCredits"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video, or no such scene in it."
              },
              "409": {
                "$ref": "#/components/responses/Conflict",
                "description": "`video_not_ready`: the video is not completed; `video_busy`: a job of the video is still running."
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: `regenerate` not visual, audio or both; `visual` or `narration` too long, or sent with the wrong `regenerate`; `narration` unchanged with `audio`."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/versions": {
          "get": {
            "operationId": "listVersions",
            "summary": "List a video's versions",
            "tags": [
              "Versions"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The versions, oldest first, without their editor states.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VersionList"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          },
          "post": {
            "operationId": "saveVersion",
            "summary": "Save an edited version and render it (free)",
            "tags": [
              "Versions"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/SaveVersionRequest"
                  }
                }
              },
              "description": "At most 4 MiB."
            },
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "202": {
                "description": "Accepted: the version is saved and its `render_version` job queued. At most 5 versions are kept: saving a sixth removes the oldest version that is neither current nor rendering, and `removedVersions` lists the numbers removed.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SavedVersion"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video."
              },
              "409": {
                "$ref": "#/components/responses/Conflict",
                "description": "`video_not_ready`: the video is not completed; `conflict`: the video has 5 versions and none can be removed (each is current, queued or rendering)."
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge",
                "description": "`payload_too_large`: the body is larger than 4 MiB."
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: `editorState.<field>` issues, including assets that are not this video's."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/versions/{vid}": {
          "get": {
            "operationId": "getVersion",
            "summary": "Get a version with its editor state",
            "tags": [
              "Versions"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/VersionId"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The version, with `editorState`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Version"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video, or no such version of it."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/versions/{vid}/restore": {
          "post": {
            "operationId": "restoreVersion",
            "summary": "Make a rendered version current",
            "tags": [
              "Versions"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "$ref": "#/components/parameters/VersionId"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The video, now showing this version's render (`currentVersion`, `videoUrl`, `durationSeconds`); with `plan`, without `job`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Video"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video, or no such version of it."
              },
              "409": {
                "$ref": "#/components/responses/Conflict",
                "description": "`version_not_ready`: the version is not rendered (`ready`)."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/videos/{id}/editor": {
          "get": {
            "operationId": "getEditorDocument",
            "summary": "Open a version in the editor",
            "tags": [
              "Editor"
            ],
            "description": "The editor state of one version of the video, with the version, the video and signed links to every clip, voice and music asset the state uses. Without `version`, the video's current version (or its newest, when none is current).",
            "parameters": [
              {
                "$ref": "#/components/parameters/VideoId"
              },
              {
                "name": "version",
                "in": "query",
                "required": false,
                "description": "Number (not id) of the version to open; the current version when left out.",
                "schema": {
                  "type": "integer",
                  "minimum": 1
                }
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The version, its editor state and signed links to its assets.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/EditorDocument"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such video, or no version with that number."
              },
              "409": {
                "$ref": "#/components/responses/Conflict",
                "description": "`video_not_ready`: the video has no version to edit yet (it is still being generated, or it failed or was cancelled before its first render)."
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: `version` is not a version number (a whole number of 1 or more)."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/editor/apply": {
          "post": {
            "operationId": "applyEditorOperations",
            "summary": "Apply typed edits to an editor state",
            "tags": [
              "Editor"
            ],
            "description": "Applies the operations in order to the editor state sent and answers the new state with one sentence per change. The timeline arithmetic lives here: when clips move, change length or their transitions change, each scene's voice, captions and overlays move with its clip and the music is laid again. Nothing is saved or charged; save the result with `POST /api/v1/videos/{id}/versions`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ApplyEditsRequest"
                  }
                }
              },
              "description": "At most 4 MiB."
            },
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The edited state and what changed.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/EditResult"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge",
                "description": "`payload_too_large`: the body is larger than 4 MiB."
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: the body does not decode (e.g. an unknown `op`), `operations` is empty or has more than 100 operations, the state sent is not valid (`editorState.clips[0].duration`), or an operation does not fit the document (`operations[0].clip`; `operations[i]` when it would make the document invalid)."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/editor/assistant": {
          "post": {
            "operationId": "askEditorAssistant",
            "summary": "Turn a plain-language instruction into edits",
            "tags": [
              "Editor"
            ],
            "description": "The embedded editor assistant: rule-based and deterministic (no model, no charge). It turns the instruction (\"make scene 2 longer and use slide transitions\", \"quieter music\", \"turn captions off\", \"add the title 'Hello' at the start\", \"move scene 3 to the start\") into editor operations, applies them to the state sent like `POST /api/v1/editor/apply`, and answers a reply, the operations, the changes and the new state. Nothing is saved.",
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/AssistantRequest"
                  }
                }
              },
              "description": "At most 4 MiB."
            },
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "What the assistant did.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/AssistantAnswer"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge",
                "description": "`payload_too_large`: the body is larger than 4 MiB."
              },
              "422": {
                "description": "`not_understood`: nothing in the instruction could be turned into an edit; the message lists example instructions. `validation_failed`: `instruction` is empty or longer than 500 characters, the state sent is not valid (`editorState.<field>`), or an edit does not fit the document (`operations[i].<field>`).",
                "content": {
                  "application/json": {
                    "schema": {
                      "oneOf": [
                        {
                          "$ref": "#/components/schemas/NotUnderstoodError"
                        },
                        {
                          "$ref": "#/components/schemas/ValidationError"
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/users/me/profile": {
          "get": {
            "operationId": "getProfile",
            "summary": "The caller's profile",
            "tags": [
              "Users"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The signed-in user.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/User"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          },
          "patch": {
            "operationId": "updateProfile",
            "summary": "Change the caller's display name",
            "tags": [
              "Users"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ProfileRequest"
                  }
                }
              }
            },
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The updated user.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/User"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: `name` longer than 100 characters or not a string."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/users/me/usage": {
          "get": {
            "operationId": "getUsage",
            "summary": "The caller's usage statistics",
            "tags": [
              "Users"
            ],
            "description": "Credits spent and granted per day over the last `days` days (UTC, today included), and the caller's videos by status, for the profile page.",
            "parameters": [
              {
                "name": "days",
                "in": "query",
                "required": false,
                "description": "Length of the period in days, today included.",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 365,
                  "default": 30
                }
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The usage statistics.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Usage"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: `days` is not a number from 1 to 365."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/pricing": {
          "get": {
            "operationId": "getPricing",
            "summary": "The price list",
            "tags": [
              "Credits"
            ],
            "description": "What videos, scene regenerations and versions cost on this server, and the sign-up grant. Public, so a visitor sees the price before signing up.",
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [],
            "responses": {
              "200": {
                "description": "The price list.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Pricing"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/BadAuthorizationHeader"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/users/me/credits": {
          "get": {
            "operationId": "getCredits",
            "summary": "The caller's balance and the prices",
            "tags": [
              "Credits"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The balance and what things cost.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Credits"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/users/me/credits/transactions": {
          "get": {
            "operationId": "listCreditTransactions",
            "summary": "The caller's credits ledger",
            "tags": [
              "Credits"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "One page of ledger rows, newest first.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/TransactionPage"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: `limit` or `cursor` not acceptable."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        },
        "/api/v1/admin/users/{id}/credits": {
          "post": {
            "operationId": "adjustCredits",
            "summary": "Add or take away a user's credits (admins)",
            "tags": [
              "Admin"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/UserId"
              },
              {
                "$ref": "#/components/parameters/IdempotencyKey"
              },
              {
                "$ref": "#/components/parameters/XRequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/AdjustRequest"
                  }
                }
              }
            },
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "Applied: the user's new balance and the ledger row (reason `admin_adjustment`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/XRequestId"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CreditAdjustment"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "402": {
                "$ref": "#/components/responses/InsufficientCredits",
                "description": "`insufficient_credits`: taking this many credits would make the balance negative; nothing changed."
              },
              "403": {
                "$ref": "#/components/responses/Forbidden",
                "description": "`forbidden`: only administrators can change credits (the role is read from the database on each request)."
              },
              "404": {
                "$ref": "#/components/responses/NotFound",
                "description": "`not_found`: no such user."
              },
              "409": {
                "$ref": "#/components/responses/Conflict",
                "description": "`already_applied`: an adjustment with this `Idempotency-Key` was already applied to this user."
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/ValidationFailed",
                "description": "`validation_failed`: `delta` missing, 0, or beyond 1000000 either way."
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }
          }
        }
      },
      "components": {
        "schemas": {
          "Error": {
            "type": "object",
            "description": "Every error answer of the API.",
            "properties": {
              "error": {
                "type": "object",
                "properties": {
                  "code": {
                    "type": "string",
                    "description": "Stable, machine-readable error code (see the list in the description of this API).",
                    "examples": [
                      "not_found",
                      "validation_failed"
                    ]
                  },
                  "message": {
                    "type": "string",
                    "description": "What went wrong, for people."
                  },
                  "details": {
                    "type": "object",
                    "description": "More about the error; present for some codes only (`validation_failed`, `insufficient_credits`, `rate_limited`).",
                    "properties": {},
                    "additionalProperties": true
                  }
                },
                "required": [
                  "code",
                  "message"
                ]
              }
            },
            "required": [
              "error"
            ]
          },
          "ValidationIssue": {
            "type": "object",
            "properties": {
              "field": {
                "type": "string",
                "description": "Path of the field, e.g. `settings.durationSeconds` or `editorState.clips[2].duration`; empty when the problem is the body as a whole."
              },
              "message": {
                "type": "string",
                "description": "What is wrong with it."
              }
            },
            "required": [
              "field",
              "message"
            ]
          },
          "ValidationError": {
            "description": "422 `validation_failed`: the body or a query parameter is well-formed but not acceptable. `details.issues` names every problem found.",
            "allOf": [
              {
                "$ref": "#/components/schemas/Error"
              },
              {
                "type": "object",
                "properties": {
                  "error": {
                    "type": "object",
                    "properties": {
                      "code": {
                        "const": "validation_failed"
                      },
                      "details": {
                        "type": "object",
                        "properties": {
                          "issues": {
                            "type": "array",
                            "items": {
                              "$ref": "#/components/schemas/ValidationIssue"
                            }
                          }
                        },
                        "required": [
                          "issues"
                        ]
                      }
                    }
                  }
                }
              }
            ]
          },
          "InsufficientCreditsError": {
            "description": "402 `insufficient_credits`: the balance does not cover the price.",
            "allOf": [
              {
                "$ref": "#/components/schemas/Error"
              },
              {
                "type": "object",
                "properties": {
                  "error": {
                    "type": "object",
                    "properties": {
                      "code": {
                        "const": "insufficient_credits"
                      },
                      "details": {
                        "type": "object",
                        "properties": {
                          "balance": {
                            "type": "integer",
                            "description": "The current balance in credits."
                          },
                          "price": {
                            "type": "integer",
                            "description": "What the request costs in credits."
                          }
                        },
                        "required": [
                          "balance",
                          "price"
                        ]
                      }
                    },
                    "required": [
                      "details"
                    ]
                  }
                }
              }
            ]
          },
          "RateLimitedError": {
            "description": "429 `rate_limited`: too many sign-in attempts.",
            "allOf": [
              {
                "$ref": "#/components/schemas/Error"
              },
              {
                "type": "object",
                "properties": {
                  "error": {
                    "type": "object",
                    "properties": {
                      "code": {
                        "const": "rate_limited"
                      },
                      "details": {
                        "type": "object",
                        "properties": {
                          "retryAfterSeconds": {
                            "type": "integer",
                            "description": "Seconds until the next attempt is allowed (as in Retry-After).",
                            "minimum": 1
                          }
                        },
                        "required": [
                          "retryAfterSeconds"
                        ]
                      }
                    },
                    "required": [
                      "details"
                    ]
                  }
                }
              }
            ]
          },
          "NotUnderstoodError": {
            "description": "422 `not_understood`: nothing in the editor assistant's instruction could be turned into an edit. `message` says so and lists example instructions.",
            "allOf": [
              {
                "$ref": "#/components/schemas/Error"
              },
              {
                "type": "object",
                "properties": {
                  "error": {
                    "type": "object",
                    "properties": {
                      "code": {
                        "const": "not_understood"
                      }
                    }
                  }
                }
              }
            ]
          },
          "AspectRatio": {
            "type": "string",
            "description": "Frame shape of the video. Matched case-insensitively.",
            "enum": [
              "16:9",
              "9:16",
              "1:1"
            ]
          },
          "Quality": {
            "type": "string",
            "description": "Output resolution: the short side of the frame in pixels. Matched case-insensitively.",
            "enum": [
              "480p",
              "720p",
              "1080p"
            ]
          },
          "VisualStyle": {
            "type": "string",
            "description": "Visual style of the illustrations and captions. Matched case-insensitively.",
            "enum": [
              "cinematic",
              "minimal",
              "vibrant",
              "retro",
              "pastel"
            ]
          },
          "Tone": {
            "type": "string",
            "description": "Tone of the narration the planner writes. Matched case-insensitively.",
            "enum": [
              "informative",
              "inspiring",
              "playful",
              "dramatic",
              "calm"
            ]
          },
          "Voice": {
            "type": "string",
            "description": "Narrator voice: `slt` female, US English; `rms` male, US English; `awb` male, Scottish English; `kal` male, US English, robotic. Matched case-insensitively.",
            "enum": [
              "slt",
              "rms",
              "awb",
              "kal"
            ]
          },
          "Mood": {
            "type": "string",
            "description": "Emotional colour of a scene: drives palette, music and transitions. Matched case-insensitively.",
            "enum": [
              "calm",
              "uplifting",
              "energetic",
              "dramatic",
              "mysterious",
              "playful",
              "somber",
              "warm"
            ]
          },
          "TransitionKind": {
            "type": "string",
            "description": "How one clip hands over to the next; `cut` has no overlap. Matched case-insensitively.",
            "enum": [
              "cut",
              "fade",
              "dissolve",
              "fadeblack",
              "fadewhite",
              "slideleft",
              "slideright",
              "slideup",
              "slidedown",
              "wipeleft",
              "wiperight",
              "wipeup",
              "wipedown",
              "circleopen",
              "radial",
              "smoothleft"
            ]
          },
          "FontFamily": {
            "type": "string",
            "description": "Font family of on-screen text. Matched case-insensitively.",
            "enum": [
              "sans",
              "serif",
              "mono"
            ]
          },
          "EncoderPreset": {
            "type": "string",
            "description": "x264 speed/size trade-off. Matched case-insensitively.",
            "enum": [
              "ultrafast",
              "superfast",
              "veryfast",
              "faster",
              "fast",
              "medium",
              "slow"
            ]
          },
          "VideoStatus": {
            "type": "string",
            "description": "Where a video stands.",
            "enum": [
              "queued",
              "running",
              "completed",
              "failed",
              "cancelled"
            ]
          },
          "JobState": {
            "type": "string",
            "description": "Where a job stands.",
            "enum": [
              "queued",
              "running",
              "succeeded",
              "failed",
              "cancelled"
            ]
          },
          "JobKind": {
            "type": "string",
            "description": "What a job does.",
            "enum": [
              "generate_video",
              "regenerate_scene",
              "render_version"
            ]
          },
          "GenerationStage": {
            "type": "string",
            "description": "Stage of a job, in order.",
            "enum": [
              "planning",
              "voice",
              "visuals",
              "music",
              "rendering",
              "done"
            ]
          },
          "PartStatus": {
            "type": "string",
            "description": "Where one part of a scene stands.",
            "enum": [
              "pending",
              "working",
              "done",
              "reused",
              "failed"
            ]
          },
          "AssetRef": {
            "type": "string",
            "description": "A content-addressed asset file: 64 lowercase hex digits (sha256), a dot and the extension.",
            "pattern": "^[0-9a-f]{64}\\.(png|mp4|wav|json|mid)$"
          },
          "Settings": {
            "type": "object",
            "description": "Everything chosen about a video before it is planned (all properties present).",
            "properties": {
              "aspectRatio": {
                "$ref": "#/components/schemas/AspectRatio"
              },
              "durationSeconds": {
                "type": "number",
                "description": "Target length of the video in seconds; the price is this, rounded up, in credits.",
                "minimum": 5,
                "maximum": 120
              },
              "style": {
                "$ref": "#/components/schemas/VisualStyle"
              },
              "tone": {
                "$ref": "#/components/schemas/Tone"
              },
              "voice": {
                "$ref": "#/components/schemas/Voice"
              },
              "speechRate": {
                "type": "number",
                "description": "Speaking rate relative to the voice's natural rate (1 = natural).",
                "minimum": 0.5,
                "maximum": 2
              },
              "music": {
                "type": "boolean",
                "description": "Add background music."
              },
              "captions": {
                "type": "boolean",
                "description": "Burn in captions."
              },
              "quality": {
                "$ref": "#/components/schemas/Quality"
              },
              "fps": {
                "type": "integer",
                "description": "Frames per second.",
                "enum": [
                  24,
                  25,
                  30
                ]
              },
              "language": {
                "type": "string",
                "description": "Language of the narration; only `en` is supported.",
                "enum": [
                  "en"
                ]
              },
              "seed": {
                "type": "integer",
                "description": "Seed of every random choice: the same inputs and seed make the same video.",
                "minimum": 0,
                "maximum": 18446744073709551615
              }
            },
            "required": [
              "aspectRatio",
              "durationSeconds",
              "style",
              "tone",
              "voice",
              "speechRate",
              "music",
              "captions",
              "quality",
              "fps",
              "language",
              "seed"
            ]
          },
          "SettingsRequest": {
            "type": "object",
            "description": "Settings a client may send; each one left out comes from the prompt's words, then from the default. Problems are reported as `settings.<field>` issues.",
            "properties": {
              "aspectRatio": {
                "$ref": "#/components/schemas/AspectRatio",
                "default": "16:9",
                "description": "Default: from the prompt's words (e.g. 'vertical', 'for TikTok'), else `16:9`."
              },
              "durationSeconds": {
                "type": "number",
                "description": "Target length of the video in seconds; the price is this, rounded up, in credits. Default: from the prompt's words (e.g. '45 seconds'), else 30.",
                "minimum": 5,
                "maximum": 120,
                "default": 30
              },
              "style": {
                "$ref": "#/components/schemas/VisualStyle",
                "default": "cinematic"
              },
              "tone": {
                "$ref": "#/components/schemas/Tone",
                "default": "informative",
                "description": "Default: from the prompt's words, else `informative`."
              },
              "voice": {
                "$ref": "#/components/schemas/Voice",
                "default": "slt"
              },
              "speechRate": {
                "type": "number",
                "description": "Speaking rate relative to the voice's natural rate (1 = natural).",
                "minimum": 0.5,
                "maximum": 2,
                "default": 1
              },
              "music": {
                "type": "boolean",
                "description": "Add background music.",
                "default": true
              },
              "captions": {
                "type": "boolean",
                "description": "Burn in captions.",
                "default": true
              },
              "quality": {
                "$ref": "#/components/schemas/Quality",
                "default": "720p"
              },
              "fps": {
                "type": "integer",
                "description": "Frames per second.",
                "enum": [
                  24,
                  25,
                  30
                ],
                "default": 30
              },
              "language": {
                "type": "string",
                "description": "Language of the narration; only `en` is supported.",
                "enum": [
                  "en"
                ],
                "default": "en"
              },
              "seed": {
                "type": "integer",
                "description": "Seed of every random choice: the same inputs and seed make the same video.",
                "minimum": 0,
                "maximum": 18446744073709551615,
                "default": 1
              }
            }
          },
          "Transition": {
            "type": "object",
            "description": "A transition at a cut.",
            "properties": {
              "kind": {
                "$ref": "#/components/schemas/TransitionKind"
              },
              "duration": {
                "type": "number",
                "description": "Seconds the outgoing and incoming clips overlap (0 for a cut); at most 3 and at most half the shorter neighbouring scene or clip.",
                "minimum": 0,
                "maximum": 3
              }
            },
            "required": [
              "kind",
              "duration"
            ]
          },
          "PlanScene": {
            "type": "object",
            "description": "One scene of a plan: what is said, what is shown, and how it joins the next.",
            "properties": {
              "id": {
                "type": "string",
                "description": "Scene id: 1 to 32 characters of a-z, 0-9 and '-'.",
                "pattern": "^[a-z0-9-]{1,32}$"
              },
              "narration": {
                "type": "string",
                "description": "What the narrator says.",
                "maxLength": 1200
              },
              "visual": {
                "type": "string",
                "description": "What the picture shows, in words (the image generator's prompt); not empty.",
                "minLength": 1
              },
              "keyPhrase": {
                "type": "string",
                "description": "A short phrase set as typography in the picture."
              },
              "mood": {
                "$ref": "#/components/schemas/Mood"
              },
              "duration": {
                "type": "number",
                "description": "Planned length in seconds; lengthened if the narration needs more.",
                "minimum": 1.5,
                "maximum": 30
              },
              "musicGroup": {
                "type": "integer",
                "description": "Scenes with the same group share one music track.",
                "minimum": 0
              },
              "transition": {
                "$ref": "#/components/schemas/Transition",
                "description": "Transition into the next scene; ignored on the last scene."
              },
              "variation": {
                "type": "integer",
                "description": "Picks another picture for the same description (set by regeneration); absent at first."
              }
            },
            "required": [
              "id",
              "narration",
              "visual",
              "keyPhrase",
              "mood",
              "duration",
              "musicGroup",
              "transition"
            ]
          },
          "Plan": {
            "type": "object",
            "description": "The planner's output and the user's editable breakdown of a video: everything needed to generate its assets.",
            "properties": {
              "version": {
                "type": "integer",
                "description": "Plan format version.",
                "const": 1
              },
              "title": {
                "type": "string",
                "description": "Title of the video; not empty.",
                "minLength": 1
              },
              "summary": {
                "type": "string",
                "description": "One-paragraph summary."
              },
              "script": {
                "type": "string",
                "description": "The whole narration."
              },
              "prompt": {
                "type": "string",
                "description": "The prompt the plan was made from."
              },
              "settings": {
                "$ref": "#/components/schemas/Settings"
              },
              "scenes": {
                "type": "array",
                "description": "The scenes, in order; ids are unique.",
                "items": {
                  "$ref": "#/components/schemas/PlanScene"
                },
                "minItems": 1,
                "maxItems": 40
              }
            },
            "required": [
              "version",
              "title",
              "summary",
              "script",
              "prompt",
              "settings",
              "scenes"
            ]
          },
          "Canvas": {
            "type": "object",
            "description": "The frame every clip is fitted to.",
            "properties": {
              "width": {
                "type": "integer",
                "description": "Even number of pixels.",
                "minimum": 128,
                "maximum": 3840,
                "multipleOf": 2
              },
              "height": {
                "type": "integer",
                "description": "Even number of pixels.",
                "minimum": 128,
                "maximum": 3840,
                "multipleOf": 2
              },
              "fps": {
                "type": "integer",
                "description": "Frames per second.",
                "minimum": 1,
                "maximum": 60
              }
            },
            "required": [
              "width",
              "height",
              "fps"
            ]
          },
          "Clip": {
            "type": "object",
            "description": "A scene's moving picture on the timeline.",
            "properties": {
              "id": {
                "type": "string",
                "description": "Clip id: 1 to 32 characters of a-z, 0-9 and '-'. Unique in the document.",
                "pattern": "^[a-z0-9-]{1,32}$"
              },
              "sceneId": {
                "type": "string",
                "description": "The plan scene the clip shows, if any."
              },
              "asset": {
                "type": "string",
                "description": "A video asset (`.mp4`) of this video.",
                "pattern": "^[0-9a-f]{64}\\.mp4$"
              },
              "trimIn": {
                "type": "number",
                "description": "Seconds skipped at the start of the asset.",
                "minimum": 0,
                "default": 0
              },
              "duration": {
                "type": "number",
                "description": "Seconds of the asset shown, including transition overlaps.",
                "minimum": 0.5,
                "maximum": 120
              }
            },
            "required": [
              "id",
              "asset",
              "duration"
            ]
          },
          "TextStyle": {
            "type": "object",
            "description": "How on-screen text looks. Every property is optional in requests (the default is used) and present in responses.",
            "properties": {
              "font": {
                "$ref": "#/components/schemas/FontFamily",
                "default": "sans"
              },
              "size": {
                "type": "number",
                "description": "Font height as a fraction of the canvas height.",
                "minimum": 0.015,
                "maximum": 0.25,
                "default": 0.045
              },
              "bold": {
                "type": "boolean",
                "default": true
              },
              "color": {
                "type": "string",
                "description": "`#RRGGBB`.",
                "pattern": "^#[0-9A-Fa-f]{6}$",
                "default": "#FFFFFF"
              },
              "outlineColor": {
                "type": "string",
                "description": "`#RRGGBB`.",
                "pattern": "^#[0-9A-Fa-f]{6}$",
                "default": "#000000"
              },
              "outline": {
                "type": "number",
                "description": "Outline width as a fraction of the font size.",
                "minimum": 0,
                "maximum": 0.3,
                "default": 0.06
              },
              "box": {
                "type": "boolean",
                "description": "Draw a box behind the text.",
                "default": false
              },
              "boxColor": {
                "type": "string",
                "description": "`#RRGGBB`.",
                "pattern": "^#[0-9A-Fa-f]{6}$",
                "default": "#000000"
              },
              "boxOpacity": {
                "type": "number",
                "minimum": 0,
                "maximum": 1,
                "default": 0.55
              }
            }
          },
          "Cue": {
            "type": "object",
            "description": "A caption line.",
            "properties": {
              "start": {
                "type": "number",
                "description": "Seconds on the output timeline.",
                "minimum": 0
              },
              "end": {
                "type": "number",
                "description": "After `start`, at most the video's duration."
              },
              "text": {
                "type": "string",
                "minLength": 1,
                "maxLength": 300
              }
            },
            "required": [
              "start",
              "end",
              "text"
            ]
          },
          "Captions": {
            "type": "object",
            "description": "Timed caption lines and how they look.",
            "properties": {
              "enabled": {
                "type": "boolean"
              },
              "style": {
                "$ref": "#/components/schemas/TextStyle"
              },
              "cues": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Cue"
                }
              }
            },
            "required": [
              "enabled",
              "style",
              "cues"
            ]
          },
          "TextOverlay": {
            "type": "object",
            "description": "Free text placed on the picture for a time range.",
            "properties": {
              "id": {
                "type": "string",
                "description": "Overlay id: 1 to 32 characters of a-z, 0-9 and '-'. Unique in the document.",
                "pattern": "^[a-z0-9-]{1,32}$"
              },
              "text": {
                "type": "string",
                "minLength": 1,
                "maxLength": 300
              },
              "start": {
                "type": "number",
                "description": "Seconds on the output timeline.",
                "minimum": 0
              },
              "end": {
                "type": "number",
                "description": "After `start`, at most the video's duration."
              },
              "x": {
                "type": "number",
                "description": "Centre of the text as a fraction of the canvas width.",
                "minimum": 0,
                "maximum": 1
              },
              "y": {
                "type": "number",
                "description": "Centre of the text as a fraction of the canvas height.",
                "minimum": 0,
                "maximum": 1
              },
              "style": {
                "$ref": "#/components/schemas/TextStyle"
              }
            },
            "required": [
              "id",
              "text",
              "start",
              "end",
              "x",
              "y",
              "style"
            ]
          },
          "AudioSegment": {
            "type": "object",
            "description": "A piece of audio placed on the timeline.",
            "properties": {
              "asset": {
                "type": "string",
                "description": "An audio asset (`.wav`) of this video.",
                "pattern": "^[0-9a-f]{64}\\.wav$"
              },
              "start": {
                "type": "number",
                "description": "Seconds on the output timeline; before the end of the video.",
                "minimum": 0
              },
              "trimIn": {
                "type": "number",
                "description": "Seconds skipped at the start of the asset.",
                "minimum": 0,
                "default": 0
              },
              "duration": {
                "type": "number",
                "description": "Seconds placed; more than 0.",
                "exclusiveMinimum": 0,
                "maximum": 600
              },
              "volume": {
                "type": "number",
                "description": "Linear gain.",
                "minimum": 0,
                "maximum": 4,
                "default": 1
              },
              "fadeIn": {
                "type": "number",
                "description": "Seconds; fadeIn + fadeOut fit in the duration.",
                "minimum": 0,
                "default": 0
              },
              "fadeOut": {
                "type": "number",
                "description": "Seconds.",
                "minimum": 0,
                "default": 0
              },
              "loop": {
                "type": "boolean",
                "description": "Repeat the asset when it is shorter than trimIn + duration.",
                "default": false
              }
            },
            "required": [
              "asset",
              "start",
              "duration"
            ]
          },
          "AudioTrack": {
            "type": "object",
            "properties": {
              "volume": {
                "type": "number",
                "description": "Linear gain of the whole track (1 = as generated).",
                "minimum": 0,
                "maximum": 4
              },
              "segments": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/AudioSegment"
                }
              }
            },
            "required": [
              "volume",
              "segments"
            ]
          },
          "AudioMix": {
            "type": "object",
            "description": "Voice and music tracks of the timeline.",
            "properties": {
              "voice": {
                "$ref": "#/components/schemas/AudioTrack"
              },
              "music": {
                "$ref": "#/components/schemas/AudioTrack"
              },
              "ducking": {
                "type": "boolean",
                "description": "Lower the music while the voice speaks."
              }
            },
            "required": [
              "voice",
              "music",
              "ducking"
            ]
          },
          "OutputSpec": {
            "type": "object",
            "description": "Encoder and loudness targets of the output file.",
            "properties": {
              "loudness": {
                "type": "number",
                "description": "Integrated loudness target in LUFS.",
                "minimum": -30,
                "maximum": -5
              },
              "truePeak": {
                "type": "number",
                "description": "Maximum true peak in dBTP.",
                "minimum": -9,
                "maximum": 0
              },
              "crf": {
                "type": "integer",
                "description": "x264 constant rate factor.",
                "minimum": 0,
                "maximum": 51
              },
              "preset": {
                "$ref": "#/components/schemas/EncoderPreset"
              }
            },
            "required": [
              "loudness",
              "truePeak",
              "crf",
              "preset"
            ]
          },
          "EditorState": {
            "type": "object",
            "description": "The document that fully determines a render (version 1). Every asset it names must be an asset of this video (see `GET /api/v1/videos/{id}/scenes`).",
            "properties": {
              "version": {
                "type": "integer",
                "description": "Editor state format version.",
                "const": 1
              },
              "title": {
                "type": "string"
              },
              "canvas": {
                "$ref": "#/components/schemas/Canvas"
              },
              "background": {
                "type": "string",
                "description": "Colour behind letterboxed clips, `#RRGGBB`.",
                "pattern": "^#[0-9A-Fa-f]{6}$"
              },
              "clips": {
                "type": "array",
                "description": "The clips, in timeline order.",
                "items": {
                  "$ref": "#/components/schemas/Clip"
                },
                "minItems": 1,
                "maxItems": 60
              },
              "transitions": {
                "type": "array",
                "description": "One per cut: `transitions[i]` joins `clips[i]` and `clips[i + 1]` (so exactly one fewer than the clips). A transition other than `cut` lasts more than 0 and at most 3 s and half the shorter of its two clips.",
                "items": {
                  "$ref": "#/components/schemas/Transition"
                }
              },
              "captions": {
                "$ref": "#/components/schemas/Captions"
              },
              "overlays": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/TextOverlay"
                }
              },
              "audio": {
                "$ref": "#/components/schemas/AudioMix"
              },
              "output": {
                "$ref": "#/components/schemas/OutputSpec"
              }
            },
            "required": [
              "version",
              "title",
              "canvas",
              "background",
              "clips",
              "transitions",
              "captions",
              "overlays",
              "audio",
              "output"
            ]
          },
          "TextStylePatch": {
            "type": "object",
            "description": "Some properties of a `TextStyle`; those left out (or `null`) keep their current value. The patched style must still be valid.",
            "properties": {
              "font": {
                "$ref": "#/components/schemas/FontFamily"
              },
              "size": {
                "type": "number",
                "description": "Font height as a fraction of the canvas height.",
                "minimum": 0.015,
                "maximum": 0.25
              },
              "bold": {
                "type": "boolean"
              },
              "color": {
                "type": "string",
                "description": "`#RRGGBB`.",
                "pattern": "^#[0-9A-Fa-f]{6}$"
              },
              "outlineColor": {
                "type": "string",
                "description": "`#RRGGBB`.",
                "pattern": "^#[0-9A-Fa-f]{6}$"
              },
              "outline": {
                "type": "number",
                "description": "Outline width as a fraction of the font size.",
                "minimum": 0,
                "maximum": 0.3
              },
              "box": {
                "type": "boolean",
                "description": "Draw a box behind the text."
              },
              "boxColor": {
                "type": "string",
                "description": "`#RRGGBB`.",
                "pattern": "^#[0-9A-Fa-f]{6}$"
              },
              "boxOpacity": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              }
            }
          },
          "OverlayDraft": {
            "type": "object",
            "description": "A text overlay to add (`addOverlay`).",
            "properties": {
              "id": {
                "type": "string",
                "description": "Overlay id: 1 to 32 characters of a-z, 0-9 and '-', not used by another overlay. Made (`text-<n>`) when left out.",
                "pattern": "^[a-z0-9-]{1,32}$"
              },
              "text": {
                "type": "string",
                "description": "Trimmed; must not be empty.",
                "minLength": 1,
                "maxLength": 300
              },
              "start": {
                "type": "number",
                "description": "Seconds on the output timeline.",
                "minimum": 0
              },
              "end": {
                "type": "number",
                "description": "After `start`, at most the video's duration."
              },
              "x": {
                "type": "number",
                "description": "Centre of the text as a fraction of the canvas width.",
                "minimum": 0,
                "maximum": 1,
                "default": 0.5
              },
              "y": {
                "type": "number",
                "description": "Centre of the text as a fraction of the canvas height (the default is near the top).",
                "minimum": 0,
                "maximum": 1,
                "default": 0.15
              },
              "style": {
                "$ref": "#/components/schemas/TextStylePatch",
                "description": "Changes to the default overlay style."
              }
            },
            "required": [
              "text",
              "start",
              "end"
            ]
          },
          "EditorOperation": {
            "type": "object",
            "description": "One typed edit of an editor state, as the studio's timeline, the assistant and API clients send it (`{\"op\": \"trimClip\", \"clip\": 1, \"duration\": 6}`). Only the fields of the operation's `op` are read; the others are ignored. Clip and cut indexes count from 0; cut `i` joins clips `i` and `i + 1` (`editorState.transitions[i]`).\n\nWhat each `op` reads:\n* `moveClip`: `from`, `to` - moves clip `from` to position `to`.\n* `removeClip`: `clip` (the last clip cannot be removed).\n* `trimClip`: `clip` and `trimIn` and/or `duration`. A clip longer than its source holds its last frame.\n* `setTransition`: `cut` and `kind` and/or `duration`.\n* `setAllTransitions`: `kind` and/or `duration`, for every cut; durations that do not fit a cut are shortened to fit.\n* `setTrackVolume`: `track`, `volume`.\n* `setClipVolume`: `clip`, `volume` - the volume of that scene's narration.\n* `setDucking`: `enabled` - whether the music dips under the narration.\n* `setCaptions`: `enabled` and/or `style`.\n* `addOverlay`: `overlay`.\n* `updateOverlay`: `id` and any of `text`, `start`, `end`, `x`, `y`, `style`.\n* `removeOverlay`: `id`.\n\nMoving, removing or trimming clips and changing transitions changes the timeline: each scene's voice, caption lines and text overlays move with its clip (keeping their offset into it), transitions that no longer fit are shortened, and the music is laid again over the new order. A field the operation needs that is missing or does not fit the document is a `validation_failed` issue at `operations[i].<field>`; an operation that would make the document invalid is an issue at `operations[i]`.",
            "properties": {
              "op": {
                "type": "string",
                "description": "The kind of edit. Matched case-insensitively.",
                "enum": [
                  "moveClip",
                  "removeClip",
                  "trimClip",
                  "setTransition",
                  "setAllTransitions",
                  "setTrackVolume",
                  "setClipVolume",
                  "setDucking",
                  "setCaptions",
                  "addOverlay",
                  "updateOverlay",
                  "removeOverlay"
                ]
              },
              "from": {
                "type": "integer",
                "minimum": 0,
                "description": "`moveClip`: index of the clip to move."
              },
              "to": {
                "type": "integer",
                "minimum": 0,
                "description": "`moveClip`: the index it gets."
              },
              "clip": {
                "type": "integer",
                "minimum": 0,
                "description": "`removeClip`, `trimClip`, `setClipVolume`: index of the clip."
              },
              "cut": {
                "type": "integer",
                "minimum": 0,
                "description": "`setTransition`: index of the cut; cut `i` joins clips `i` and `i + 1`."
              },
              "trimIn": {
                "type": "number",
                "description": "`trimClip`: seconds skipped at the start of the clip's asset.",
                "minimum": 0,
                "maximum": 600
              },
              "duration": {
                "type": "number",
                "description": "`trimClip`: the clip's new length, 0.5 to 120 s. `setTransition`, `setAllTransitions`: the transition's length, more than 0 and at most 3 s (for `setTransition` also at most half the shorter of the two clips); ignored for `cut`. A cut given a kind but no duration gets 0.6 s, or less when that does not fit.",
                "exclusiveMinimum": 0,
                "maximum": 120
              },
              "volume": {
                "type": "number",
                "description": "`setTrackVolume`, `setClipVolume`: linear gain (1 = as generated).",
                "minimum": 0,
                "maximum": 4
              },
              "kind": {
                "$ref": "#/components/schemas/TransitionKind",
                "description": "`setTransition`, `setAllTransitions`: the transition kind."
              },
              "track": {
                "type": "string",
                "description": "`setTrackVolume`: the track. Matched case-insensitively.",
                "enum": [
                  "voice",
                  "music"
                ]
              },
              "enabled": {
                "type": "boolean",
                "description": "`setDucking`: whether the music dips under the narration. `setCaptions`: whether captions are shown."
              },
              "style": {
                "$ref": "#/components/schemas/TextStylePatch",
                "description": "`setCaptions`: changes to the caption style. `updateOverlay`: changes to the overlay's style."
              },
              "overlay": {
                "$ref": "#/components/schemas/OverlayDraft",
                "description": "`addOverlay`: the overlay to add."
              },
              "id": {
                "type": "string",
                "description": "`updateOverlay`, `removeOverlay`: id of an existing overlay."
              },
              "text": {
                "type": "string",
                "description": "`updateOverlay`: new text (trimmed).",
                "maxLength": 300
              },
              "start": {
                "type": "number",
                "description": "`updateOverlay`: new start, seconds on the output timeline.",
                "minimum": 0
              },
              "end": {
                "type": "number",
                "description": "`updateOverlay`: new end, after `start` and at most the video's duration."
              },
              "x": {
                "type": "number",
                "description": "`updateOverlay`: centre of the text as a fraction of the canvas width.",
                "minimum": 0,
                "maximum": 1
              },
              "y": {
                "type": "number",
                "description": "`updateOverlay`: centre of the text as a fraction of the canvas height.",
                "minimum": 0,
                "maximum": 1
              }
            },
            "required": [
              "op"
            ],
            "examples": [
              {
                "op": "moveClip",
                "from": 2,
                "to": 0
              },
              {
                "op": "trimClip",
                "clip": 1,
                "trimIn": 0.5,
                "duration": 6
              },
              {
                "op": "setTransition",
                "cut": 0,
                "kind": "dissolve",
                "duration": 0.8
              },
              {
                "op": "setTrackVolume",
                "track": "music",
                "volume": 0.4
              },
              {
                "op": "addOverlay",
                "overlay": {
                  "text": "Bees",
                  "start": 0,
                  "end": 3
                }
              }
            ]
          },
          "SceneProgress": {
            "type": "object",
            "description": "Per-scene part statuses.",
            "properties": {
              "index": {
                "type": "integer",
                "description": "Position of the scene, from 0.",
                "minimum": 0
              },
              "voice": {
                "$ref": "#/components/schemas/PartStatus"
              },
              "image": {
                "$ref": "#/components/schemas/PartStatus"
              },
              "clip": {
                "$ref": "#/components/schemas/PartStatus"
              },
              "music": {
                "$ref": "#/components/schemas/PartStatus"
              },
              "imageKey": {
                "$ref": "#/components/schemas/AssetRef",
                "description": "The scene's finished picture (`<key>.png`), set as soon as it is made; `EventBody.sceneImages` carries signed links to it."
              }
            },
            "required": [
              "index",
              "voice",
              "image",
              "clip",
              "music"
            ]
          },
          "JobProgress": {
            "type": "object",
            "description": "The whole progress picture of a job.",
            "properties": {
              "stage": {
                "$ref": "#/components/schemas/GenerationStage"
              },
              "fraction": {
                "type": "number",
                "description": "Share of the whole job done.",
                "minimum": 0,
                "maximum": 1
              },
              "message": {
                "type": "string",
                "description": "What is happening, for people."
              },
              "etaSeconds": {
                "type": "number",
                "description": "Estimated seconds left; absent until there is something to go on.",
                "minimum": 0
              },
              "scenes": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/SceneProgress"
                }
              }
            },
            "required": [
              "stage",
              "fraction",
              "message",
              "scenes"
            ]
          },
          "Job": {
            "type": "object",
            "description": "A background job of a video: its state and progress.",
            "properties": {
              "id": {
                "type": "string"
              },
              "kind": {
                "$ref": "#/components/schemas/JobKind"
              },
              "state": {
                "$ref": "#/components/schemas/JobState"
              },
              "attempts": {
                "type": "integer",
                "description": "Attempts started so far.",
                "minimum": 0
              },
              "maxAttempts": {
                "type": "integer",
                "minimum": 1
              },
              "error": {
                "type": "string",
                "description": "Why the job failed, when it did."
              },
              "progress": {
                "$ref": "#/components/schemas/JobProgress"
              },
              "updatedAt": {
                "type": "string",
                "description": "ISO 8601 UTC timestamp with milliseconds, e.g. 2025-01-31T12:00:00.000Z.",
                "format": "date-time"
              }
            },
            "required": [
              "id",
              "kind",
              "state",
              "attempts",
              "maxAttempts",
              "updatedAt"
            ]
          },
          "Video": {
            "type": "object",
            "description": "A video. Media URLs are signed links, relative to the server, valid for an hour. Items of GET /api/v1/videos carry only the thumbnail link: settings, plan, videoUrl and eventsUrl are in the single-video answers (GET, PATCH, POST /api/v1/videos, cancel, restore).",
            "properties": {
              "id": {
                "type": "string"
              },
              "title": {
                "type": "string"
              },
              "prompt": {
                "type": "string"
              },
              "status": {
                "$ref": "#/components/schemas/VideoStatus"
              },
              "settings": {
                "$ref": "#/components/schemas/Settings"
              },
              "durationSeconds": {
                "type": "number",
                "description": "Length of the rendered video in seconds, once rendered."
              },
              "creditsUsed": {
                "type": "integer",
                "description": "Credits charged when the video was created (refunded with a ledger row if it failed or was cancelled)."
              },
              "error": {
                "type": "string",
                "description": "Why the video failed, when it did."
              },
              "currentVersion": {
                "type": "integer",
                "description": "Number of the version the video shows, once rendered."
              },
              "videoUrl": {
                "type": "string",
                "description": "Signed link to the MP4 (valid one hour), once rendered; add `&download=1` to download it as a file."
              },
              "thumbnailUrl": {
                "type": "string",
                "description": "Signed link to the JPEG thumbnail (valid one hour), once rendered."
              },
              "eventsUrl": {
                "type": "string",
                "description": "Signed link to the Server-Sent Events stream of the video (valid one hour)."
              },
              "createdAt": {
                "type": "string",
                "description": "ISO 8601 UTC timestamp with milliseconds, e.g. 2025-01-31T12:00:00.000Z.",
                "format": "date-time"
              },
              "updatedAt": {
                "type": "string",
                "description": "ISO 8601 UTC timestamp with milliseconds, e.g. 2025-01-31T12:00:00.000Z.",
                "format": "date-time"
              },
              "job": {
                "$ref": "#/components/schemas/Job",
                "description": "The newest job of the video. Present in the answers of create, get and cancel."
              },
              "plan": {
                "$ref": "#/components/schemas/Plan",
                "description": "The plan, once planned. Present in the answers of create, get, cancel and restore."
              }
            },
            "required": [
              "id",
              "title",
              "prompt",
              "status",
              "creditsUsed",
              "createdAt",
              "updatedAt"
            ]
          },
          "VideoPage": {
            "type": "object",
            "properties": {
              "items": {
                "type": "array",
                "description": "Newest first; without `job` and `plan`.",
                "items": {
                  "$ref": "#/components/schemas/Video"
                }
              },
              "nextCursor": {
                "type": "string",
                "description": "Pass as `cursor` for the next page; absent on the last page."
              }
            },
            "required": [
              "items"
            ]
          },
          "PlanPreview": {
            "type": "object",
            "properties": {
              "plan": {
                "$ref": "#/components/schemas/Plan"
              },
              "price": {
                "type": "integer",
                "description": "What generating this plan costs, in credits."
              },
              "balance": {
                "type": "integer",
                "description": "The caller's balance in credits."
              },
              "creditsPerSecond": {
                "type": "number",
                "description": "The rate behind `price`, so a client can re-price the plan while the user edits it (an edited plan more than 10% longer than its target is priced by its planned length)."
              }
            },
            "required": [
              "plan",
              "price",
              "balance",
              "creditsPerSecond"
            ]
          },
          "Revision": {
            "type": "object",
            "description": "One revision of a scene.",
            "properties": {
              "id": {
                "type": "string"
              },
              "number": {
                "type": "integer",
                "description": "Numbers go up from 1 and are never reused.",
                "minimum": 1
              },
              "reason": {
                "type": "string",
                "description": "Why the revision was made.",
                "enum": [
                  "initial",
                  "visual",
                  "audio",
                  "both"
                ]
              },
              "status": {
                "type": "string",
                "enum": [
                  "queued",
                  "ready",
                  "failed"
                ]
              },
              "narration": {
                "type": "string",
                "description": "The revision's narration."
              },
              "visual": {
                "type": "string",
                "description": "The revision's picture description."
              },
              "createdAt": {
                "type": "string",
                "description": "ISO 8601 UTC timestamp with milliseconds, e.g. 2025-01-31T12:00:00.000Z.",
                "format": "date-time"
              }
            },
            "required": [
              "id",
              "number",
              "reason",
              "status",
              "createdAt"
            ]
          },
          "SceneAsset": {
            "type": "object",
            "description": "An asset of a scene's current revision; the keys are what an editor state refers to.",
            "properties": {
              "kind": {
                "type": "string",
                "enum": [
                  "image",
                  "clip",
                  "voice",
                  "timings",
                  "music"
                ]
              },
              "key": {
                "$ref": "#/components/schemas/AssetRef"
              },
              "generator": {
                "type": "string",
                "description": "What made it: a generator's `id@version`, or a provider and model, `provider:model` (e.g. `fal.ai:fal-ai/flux-pro/v1.1-ultra`)."
              },
              "url": {
                "type": "string",
                "description": "Signed link to the file at `/api/v1/assets/{key}` (valid one hour)."
              },
              "costUsd": {
                "type": "number",
                "minimum": 0,
                "description": "The provider's price of making it in US dollars, as configured (PIXORA_COST_*); absent for embedded generators."
              }
            },
            "required": [
              "kind",
              "key",
              "generator",
              "url"
            ]
          },
          "Scene": {
            "type": "object",
            "properties": {
              "id": {
                "type": "string"
              },
              "position": {
                "type": "integer",
                "description": "Position in the video, from 0.",
                "minimum": 0
              },
              "currentRevision": {
                "type": "integer",
                "description": "Number of the revision the video uses.",
                "minimum": 1
              },
              "scene": {
                "$ref": "#/components/schemas/PlanScene",
                "description": "The content of the current revision."
              },
              "revisions": {
                "type": "array",
                "description": "At most 5, oldest first.",
                "items": {
                  "$ref": "#/components/schemas/Revision"
                }
              },
              "assets": {
                "type": "array",
                "description": "Assets of the current revision.",
                "items": {
                  "$ref": "#/components/schemas/SceneAsset"
                }
              }
            },
            "required": [
              "id",
              "position",
              "currentRevision",
              "revisions",
              "assets"
            ]
          },
          "SceneList": {
            "type": "object",
            "properties": {
              "scenes": {
                "type": "array",
                "description": "In order of position.",
                "items": {
                  "$ref": "#/components/schemas/Scene"
                }
              }
            },
            "required": [
              "scenes"
            ]
          },
          "Regeneration": {
            "type": "object",
            "properties": {
              "revision": {
                "$ref": "#/components/schemas/Revision",
                "description": "The new revision (status `queued`)."
              },
              "jobId": {
                "type": "string",
                "description": "The `regenerate_scene` job; follow it on the events stream."
              },
              "price": {
                "type": "integer",
                "description": "Credits charged."
              },
              "balance": {
                "type": "integer",
                "description": "The balance after the charge."
              },
              "prunedRevisions": {
                "type": "integer",
                "description": "Old revisions dropped to keep at most 5.",
                "minimum": 0
              }
            },
            "required": [
              "revision",
              "jobId",
              "price",
              "balance",
              "prunedRevisions"
            ]
          },
          "Version": {
            "type": "object",
            "description": "A saved edit of a video and its render.",
            "properties": {
              "id": {
                "type": "string"
              },
              "number": {
                "type": "integer",
                "description": "Numbers go up from 1 and are never reused.",
                "minimum": 1
              },
              "status": {
                "type": "string",
                "enum": [
                  "queued",
                  "rendering",
                  "ready",
                  "failed"
                ]
              },
              "durationSeconds": {
                "type": "number",
                "description": "Length of the render in seconds, once rendered."
              },
              "error": {
                "type": "string",
                "description": "Why the render failed, when it did."
              },
              "current": {
                "type": "boolean",
                "description": "Whether the video currently shows this version."
              },
              "videoUrl": {
                "type": "string",
                "description": "Signed link to the MP4 (valid one hour), once rendered."
              },
              "thumbnailUrl": {
                "type": "string",
                "description": "Signed link to the JPEG thumbnail (valid one hour), once rendered."
              },
              "createdAt": {
                "type": "string",
                "description": "ISO 8601 UTC timestamp with milliseconds, e.g. 2025-01-31T12:00:00.000Z.",
                "format": "date-time"
              },
              "editorState": {
                "$ref": "#/components/schemas/EditorState",
                "description": "Only in `GET /api/v1/videos/{id}/versions/{vid}`."
              }
            },
            "required": [
              "id",
              "number",
              "status",
              "current",
              "createdAt"
            ]
          },
          "VersionList": {
            "type": "object",
            "properties": {
              "versions": {
                "type": "array",
                "description": "Oldest first, without `editorState`.",
                "items": {
                  "$ref": "#/components/schemas/Version"
                }
              }
            },
            "required": [
              "versions"
            ]
          },
          "SavedVersion": {
            "type": "object",
            "properties": {
              "version": {
                "$ref": "#/components/schemas/Version",
                "description": "The new version (status `queued`), without `editorState`."
              },
              "jobId": {
                "type": "string",
                "description": "The `render_version` job; follow it on the events stream."
              },
              "removedVersions": {
                "type": "array",
                "description": "Numbers of the versions removed to keep at most 5.",
                "items": {
                  "type": "integer"
                }
              }
            },
            "required": [
              "version",
              "jobId",
              "removedVersions"
            ]
          },
          "EditorVideo": {
            "type": "object",
            "description": "The video a version belongs to, as the editor needs it.",
            "properties": {
              "id": {
                "type": "string"
              },
              "title": {
                "type": "string"
              },
              "status": {
                "$ref": "#/components/schemas/VideoStatus"
              },
              "currentVersion": {
                "type": "integer",
                "description": "Number of the version the video shows, once rendered."
              }
            },
            "required": [
              "id",
              "title",
              "status"
            ]
          },
          "EditorDocument": {
            "type": "object",
            "description": "A version opened in the editor.",
            "properties": {
              "video": {
                "$ref": "#/components/schemas/EditorVideo"
              },
              "version": {
                "$ref": "#/components/schemas/Version",
                "description": "The version opened, without `editorState`."
              },
              "editorState": {
                "$ref": "#/components/schemas/EditorState",
                "description": "The version's editor state."
              },
              "assets": {
                "type": "object",
                "description": "Signed links (`/api/v1/assets/{key}?access=...`, valid one hour) by asset key, for every clip, voice and music asset the editor state uses.",
                "propertyNames": {
                  "$ref": "#/components/schemas/AssetRef"
                },
                "additionalProperties": {
                  "type": "string"
                }
              }
            },
            "required": [
              "video",
              "version",
              "editorState",
              "assets"
            ]
          },
          "EditResult": {
            "type": "object",
            "description": "Edits applied to an editor state; nothing is saved.",
            "properties": {
              "editorState": {
                "$ref": "#/components/schemas/EditorState",
                "description": "The state after every operation."
              },
              "changes": {
                "type": "array",
                "description": "One sentence per change, for people, in the order the edits were made (e.g. \"Scene 2 is now 6 s long (was 4 s)\").",
                "items": {
                  "type": "string"
                }
              }
            },
            "required": [
              "editorState",
              "changes"
            ]
          },
          "AssistantAnswer": {
            "type": "object",
            "description": "What the editor assistant made of an instruction; nothing is saved.",
            "properties": {
              "reply": {
                "type": "string",
                "description": "One sentence for the person, listing what changed (e.g. \"Done: Music volume 100% -> 40%.\")."
              },
              "operations": {
                "type": "array",
                "description": "The operations the instruction was turned into, in order; sending them to `POST /api/v1/editor/apply` with the same state gives the same result.",
                "items": {
                  "$ref": "#/components/schemas/EditorOperation"
                }
              },
              "changes": {
                "type": "array",
                "description": "One sentence per change, for people, in the order the edits were made (e.g. \"Scene 2 is now 6 s long (was 4 s)\").",
                "items": {
                  "type": "string"
                }
              },
              "editorState": {
                "$ref": "#/components/schemas/EditorState",
                "description": "The state after the operations."
              },
              "assistant": {
                "type": "string",
                "description": "Who answered: `llm.<model>` when a language model is configured (PIXORA_ASSISTANT_PROVIDER), or `embedded.rules`, which also answers when the model fails.",
                "examples": [
                  "embedded.rules",
                  "llm.gpt-4o-mini"
                ]
              }
            },
            "required": [
              "reply",
              "operations",
              "changes",
              "editorState",
              "assistant"
            ]
          },
          "User": {
            "type": "object",
            "properties": {
              "id": {
                "type": "string"
              },
              "email": {
                "type": "string",
                "format": "email"
              },
              "name": {
                "type": "string",
                "description": "Display name; may be empty."
              },
              "role": {
                "type": "string",
                "description": "`admin` for the first account of a server and accounts made admin; else `user`.",
                "enum": [
                  "user",
                  "admin"
                ]
              },
              "credits": {
                "type": "integer",
                "description": "Balance in credits.",
                "minimum": 0
              },
              "avatarUrl": {
                "type": "string",
                "description": "Signed link to the avatar image (valid one hour), when there is one."
              },
              "createdAt": {
                "type": "string",
                "description": "ISO 8601 UTC timestamp with milliseconds, e.g. 2025-01-31T12:00:00.000Z.",
                "format": "date-time"
              }
            },
            "required": [
              "id",
              "email",
              "name",
              "role",
              "credits",
              "createdAt"
            ]
          },
          "Session": {
            "type": "object",
            "properties": {
              "accessToken": {
                "type": "string",
                "description": "JWT (HS256) to send as `Authorization: Bearer <token>`."
              },
              "refreshToken": {
                "type": "string",
                "description": "Opaque, single-use token for `POST /api/v1/auth/refresh`."
              },
              "tokenType": {
                "type": "string",
                "const": "Bearer"
              },
              "expiresIn": {
                "type": "integer",
                "description": "Lifetime of the access token in seconds (900).",
                "examples": [
                  900
                ]
              },
              "user": {
                "$ref": "#/components/schemas/User"
              }
            },
            "required": [
              "accessToken",
              "refreshToken",
              "tokenType",
              "expiresIn",
              "user"
            ]
          },
          "Pricing": {
            "type": "object",
            "properties": {
              "signupGrant": {
                "type": "integer",
                "description": "Credits a new account starts with.",
                "examples": [
                  100
                ]
              },
              "creditsPerSecond": {
                "type": "number",
                "description": "Credits per second of target duration (the total is rounded up).",
                "examples": [
                  1.0
                ]
              },
              "sceneVisual": {
                "type": "integer",
                "description": "Credits to regenerate a scene's picture and clip.",
                "examples": [
                  3
                ]
              },
              "sceneAudio": {
                "type": "integer",
                "description": "Credits to regenerate a scene's narration.",
                "examples": [
                  1
                ]
              },
              "versionRender": {
                "type": "integer",
                "description": "Credits to render a saved version.",
                "examples": [
                  0
                ]
              }
            },
            "required": [
              "signupGrant",
              "creditsPerSecond",
              "sceneVisual",
              "sceneAudio",
              "versionRender"
            ],
            "description": "What things cost in credits on this server: the standard prices with the embedded generators, or those configured for the cloud providers in use (PIXORA_CREDITS_PER_SECOND, PIXORA_FAL_CREDITS_PER_SECOND, …; see the README)."
          },
          "Credits": {
            "type": "object",
            "properties": {
              "balance": {
                "type": "integer",
                "minimum": 0
              },
              "pricing": {
                "$ref": "#/components/schemas/Pricing"
              }
            },
            "required": [
              "balance",
              "pricing"
            ]
          },
          "Transaction": {
            "type": "object",
            "description": "One row of the append-only credits ledger.",
            "properties": {
              "id": {
                "type": "string"
              },
              "delta": {
                "type": "integer",
                "description": "Change of the balance; negative for a charge."
              },
              "balanceAfter": {
                "type": "integer",
                "minimum": 0
              },
              "reason": {
                "type": "string",
                "enum": [
                  "signup_grant",
                  "video_charge",
                  "video_refund",
                  "scene_regeneration",
                  "scene_regeneration_refund",
                  "admin_adjustment"
                ]
              },
              "reference": {
                "type": "string",
                "description": "The video or revision id it concerns, or an administrator's note."
              },
              "createdAt": {
                "type": "string",
                "description": "ISO 8601 UTC timestamp with milliseconds, e.g. 2025-01-31T12:00:00.000Z.",
                "format": "date-time"
              }
            },
            "required": [
              "id",
              "delta",
              "balanceAfter",
              "reason",
              "createdAt"
            ]
          },
          "TransactionPage": {
            "type": "object",
            "properties": {
              "items": {
                "type": "array",
                "description": "Newest first.",
                "items": {
                  "$ref": "#/components/schemas/Transaction"
                }
              },
              "nextCursor": {
                "type": "string",
                "description": "Pass as `cursor` for the next page; absent on the last page."
              }
            },
            "required": [
              "items"
            ]
          },
          "UsageDay": {
            "type": "object",
            "description": "Credits on one day (UTC).",
            "properties": {
              "date": {
                "type": "string",
                "description": "`YYYY-MM-DD`, in UTC.",
                "format": "date"
              },
              "spent": {
                "type": "integer",
                "description": "Credits charged that day, net of that day's refunds (never below 0).",
                "minimum": 0
              },
              "granted": {
                "type": "integer",
                "description": "Credits received that day from the sign-up grant and administrators' adjustments.",
                "minimum": 0
              }
            },
            "required": [
              "date",
              "spent",
              "granted"
            ]
          },
          "Usage": {
            "type": "object",
            "description": "The caller's activity, for the profile page's statistics.",
            "properties": {
              "days": {
                "type": "array",
                "description": "One entry per day of the period, today (UTC) included, oldest first.",
                "items": {
                  "$ref": "#/components/schemas/UsageDay"
                }
              },
              "videosByStatus": {
                "type": "object",
                "description": "How many of the caller's videos have each status (all time); every status is present.",
                "properties": {
                  "queued": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "running": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "completed": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "failed": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "cancelled": {
                    "type": "integer",
                    "minimum": 0
                  }
                },
                "required": [
                  "queued",
                  "running",
                  "completed",
                  "failed",
                  "cancelled"
                ]
              },
              "totalVideos": {
                "type": "integer",
                "minimum": 0,
                "description": "All the caller's videos (all time)."
              },
              "totalSeconds": {
                "type": "number",
                "description": "Seconds of rendered video over all the caller's videos, to a tenth of a second.",
                "minimum": 0
              },
              "creditsSpent": {
                "type": "integer",
                "minimum": 0,
                "description": "Credits charged in the period, net of refunds."
              }
            },
            "required": [
              "days",
              "videosByStatus",
              "totalVideos",
              "totalSeconds",
              "creditsSpent"
            ]
          },
          "CreditAdjustment": {
            "type": "object",
            "properties": {
              "balance": {
                "type": "integer",
                "description": "The user's balance after the adjustment.",
                "minimum": 0
              },
              "transaction": {
                "$ref": "#/components/schemas/Transaction"
              }
            },
            "required": [
              "balance",
              "transaction"
            ]
          },
          "Accepted": {
            "type": "object",
            "properties": {
              "status": {
                "type": "string",
                "const": "accepted"
              },
              "message": {
                "type": "string"
              }
            },
            "required": [
              "status",
              "message"
            ]
          },
          "SystemStatus": {
            "type": "object",
            "properties": {
              "status": {
                "type": "string",
                "description": "`ok` (healthz); `ready`, `migrations pending` or `database unavailable` (readyz)."
              },
              "database": {
                "type": "string",
                "description": "Database engine.",
                "enum": [
                  "sqlite",
                  "postgres"
                ]
              },
              "migrations": {
                "type": "integer",
                "description": "Migrations applied.",
                "minimum": 0
              }
            },
            "required": [
              "status"
            ]
          },
          "EventJob": {
            "type": "object",
            "description": "The newest job of the video, in an event.",
            "properties": {
              "id": {
                "type": "string"
              },
              "kind": {
                "$ref": "#/components/schemas/JobKind"
              },
              "state": {
                "$ref": "#/components/schemas/JobState"
              },
              "attempts": {
                "type": "integer",
                "minimum": 0
              },
              "error": {
                "type": "string"
              },
              "progress": {
                "$ref": "#/components/schemas/JobProgress"
              }
            },
            "required": [
              "id",
              "kind",
              "state",
              "attempts"
            ]
          },
          "EventBody": {
            "type": "object",
            "description": "The `data` of `progress` and `end` events (JSON on one line, keys sorted).",
            "properties": {
              "videoId": {
                "type": "string"
              },
              "status": {
                "$ref": "#/components/schemas/VideoStatus"
              },
              "error": {
                "type": "string"
              },
              "currentVersion": {
                "type": "integer"
              },
              "creditsUsed": {
                "type": "integer"
              },
              "job": {
                "$ref": "#/components/schemas/EventJob"
              },
              "sceneImages": {
                "type": "array",
                "description": "Signed links (one hour) to the pictures of the scenes finished so far, so a client can show them before the video is done.",
                "items": {
                  "type": "object",
                  "properties": {
                    "index": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "url": {
                      "type": "string"
                    }
                  },
                  "required": [
                    "index",
                    "url"
                  ]
                }
              }
            },
            "required": [
              "videoId",
              "status",
              "creditsUsed"
            ]
          },
          "RegisterRequest": {
            "type": "object",
            "properties": {
              "email": {
                "type": "string",
                "description": "A valid email address, at most 254 characters.",
                "format": "email",
                "maxLength": 254
              },
              "password": {
                "type": "string",
                "description": "At least 8 characters and at most 72 bytes (UTF-8).",
                "minLength": 8
              },
              "name": {
                "type": "string",
                "description": "Display name, at most 100 characters (trimmed).",
                "maxLength": 100
              }
            },
            "required": [
              "email",
              "password"
            ]
          },
          "LoginRequest": {
            "type": "object",
            "properties": {
              "email": {
                "type": "string"
              },
              "password": {
                "type": "string"
              }
            },
            "required": [
              "email",
              "password"
            ]
          },
          "RefreshRequest": {
            "type": "object",
            "properties": {
              "refreshToken": {
                "type": "string"
              }
            },
            "required": [
              "refreshToken"
            ]
          },
          "PasswordResetRequest": {
            "type": "object",
            "properties": {
              "email": {
                "type": "string",
                "format": "email",
                "maxLength": 254
              }
            },
            "required": [
              "email"
            ]
          },
          "ResetPasswordRequest": {
            "type": "object",
            "properties": {
              "token": {
                "type": "string",
                "description": "The token from the reset link (valid one hour, once)."
              },
              "password": {
                "type": "string",
                "description": "The new password: at least 8 characters and at most 72 bytes (UTF-8).",
                "minLength": 8
              }
            },
            "required": [
              "token",
              "password"
            ]
          },
          "VideoRequest": {
            "type": "object",
            "description": "What to make: a prompt (with optional settings and script), or a complete plan.",
            "properties": {
              "prompt": {
                "type": "string",
                "description": "What the video is about, at most 2000 characters (trimmed). Required unless `plan` is sent; with a plan it defaults to the plan's prompt (or title).",
                "maxLength": 2000
              },
              "settings": {
                "$ref": "#/components/schemas/SettingsRequest",
                "description": "Ignored when `plan` is sent (the plan has its own settings)."
              },
              "script": {
                "type": "string",
                "description": "Your own narration, 1 to 20000 characters, split into scenes by the planner; left out, the planner writes it. Ignored when `plan` is sent.",
                "minLength": 1,
                "maxLength": 20000
              },
              "plan": {
                "$ref": "#/components/schemas/Plan",
                "description": "A complete plan (e.g. one from `POST /api/v1/plans`, edited) to generate as it is. Problems are reported as `plan.<field>` issues."
              }
            }
          },
          "RenameRequest": {
            "type": "object",
            "properties": {
              "title": {
                "type": "string",
                "description": "1 to 200 characters (trimmed).",
                "minLength": 1,
                "maxLength": 200
              }
            },
            "required": [
              "title"
            ]
          },
          "RegenerateRequest": {
            "type": "object",
            "properties": {
              "regenerate": {
                "type": "string",
                "description": "What to regenerate (exact, lowercase).",
                "enum": [
                  "visual",
                  "audio",
                  "both"
                ]
              },
              "narration": {
                "type": "string",
                "description": "New narration text, at most 1000 characters. Only with `audio` or `both`; required (and must differ from the current narration) with `audio`; with `both` and no change only the visual is regenerated.",
                "maxLength": 1000
              },
              "visual": {
                "type": "string",
                "description": "New picture description, 1 to 500 characters. Only with `visual` or `both`; left out, the same description gets another picture.",
                "minLength": 1,
                "maxLength": 500
              }
            },
            "required": [
              "regenerate"
            ]
          },
          "SaveVersionRequest": {
            "type": "object",
            "properties": {
              "editorState": {
                "$ref": "#/components/schemas/EditorState"
              }
            },
            "required": [
              "editorState"
            ]
          },
          "ApplyEditsRequest": {
            "type": "object",
            "properties": {
              "editorState": {
                "$ref": "#/components/schemas/EditorState",
                "description": "The state to edit; it must be valid (issues at `editorState.<field>`)."
              },
              "operations": {
                "type": "array",
                "description": "Applied in order; the first that does not fit fails the whole request.",
                "items": {
                  "$ref": "#/components/schemas/EditorOperation"
                },
                "minItems": 1,
                "maxItems": 100
              }
            },
            "required": [
              "editorState",
              "operations"
            ]
          },
          "AssistantRequest": {
            "type": "object",
            "properties": {
              "instruction": {
                "type": "string",
                "description": "What to change, in plain English, e.g. \"make scene 2 longer and use slide transitions\", \"quieter music\", \"add the title 'Bees' at the start\". Several requests may be joined by \"and\", commas or \"then\"; quoted text is the words of an overlay. 1 to 500 characters after trimming.",
                "minLength": 1,
                "maxLength": 500
              },
              "editorState": {
                "$ref": "#/components/schemas/EditorState",
                "description": "The state to edit; it must be valid."
              }
            },
            "required": [
              "instruction",
              "editorState"
            ]
          },
          "ProfileRequest": {
            "type": "object",
            "properties": {
              "name": {
                "type": "string",
                "description": "New display name, at most 100 characters (trimmed); left out, the name stays.",
                "maxLength": 100
              }
            }
          },
          "AdjustRequest": {
            "type": "object",
            "properties": {
              "delta": {
                "type": "integer",
                "description": "Credits to add (negative to take away); not 0, at most 1000000 either way.",
                "minimum": -1000000,
                "maximum": 1000000,
                "not": {
                  "const": 0
                }
              },
              "reason": {
                "type": "string",
                "description": "A note, kept (up to 200 characters) as the transaction's `reference`."
              }
            },
            "required": [
              "delta"
            ]
          }
        },
        "responses": {
          "InvalidJSON": {
            "description": "`invalid_json`: the body is empty, not valid JSON, or not a JSON object.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "Unauthorized": {
            "description": "`unauthorized`: no access token (or the account no longer exists); `invalid_token`: the access token does not verify; `token_expired`: the access token has expired, refresh it. Also when the `Authorization` header is not `Bearer <token>`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "headers": {
              "WWW-Authenticate": {
                "$ref": "#/components/headers/WWWAuthenticate"
              }
            }
          },
          "MediaUnauthorized": {
            "description": "`unauthorized`: neither an access token nor a signed link; `invalid_link`: the `access` link is wrong, for another path, or expired (ask the API for a fresh URL); `invalid_token` / `token_expired`: a bearer token was sent and is bad or expired.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "headers": {
              "WWW-Authenticate": {
                "$ref": "#/components/headers/WWWAuthenticate"
              }
            }
          },
          "BadAuthorizationHeader": {
            "description": "An `Authorization` header was sent and is not `Bearer <token>` (`unauthorized`), or its token does not verify (`invalid_token`) or has expired (`token_expired`). Sending no `Authorization` header avoids this.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "headers": {
              "WWW-Authenticate": {
                "$ref": "#/components/headers/WWWAuthenticate"
              }
            }
          },
          "InsufficientCredits": {
            "description": "`insufficient_credits`: the balance does not cover the price; nothing was charged or created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/InsufficientCreditsError"
                }
              }
            }
          },
          "Forbidden": {
            "description": "`forbidden`: the caller may not do this.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "NotFound": {
            "description": "`not_found`: no such resource for this user (another user's resource reads as missing).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "Conflict": {
            "description": "The resource is not in a state that allows this.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "PayloadTooLarge": {
            "description": "`payload_too_large`: the request body is larger than allowed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "UnsupportedMediaType": {
            "description": "`unsupported_media_type`: the body's type is not accepted.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "RangeNotSatisfiable": {
            "description": "`range_not_satisfiable`: the `Range` is malformed or outside the file.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "headers": {
              "Content-Range": {
                "$ref": "#/components/headers/ContentRangeUnsatisfied"
              }
            }
          },
          "ValidationFailed": {
            "description": "`validation_failed`: a field is missing, of the wrong type, or not acceptable; `details.issues` lists each.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ValidationError"
                }
              }
            }
          },
          "RateLimited": {
            "description": "`rate_limited`: too many sign-in attempts from this address or for this email.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RateLimitedError"
                }
              }
            },
            "headers": {
              "Retry-After": {
                "$ref": "#/components/headers/RetryAfter"
              }
            }
          },
          "InternalError": {
            "description": "`internal_error`: something went wrong on the server; try again.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "Unavailable": {
            "description": "`unavailable`: the database is temporarily unavailable; try again.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        },
        "parameters": {
          "XRequestId": {
            "name": "X-Request-Id",
            "in": "header",
            "required": false,
            "description": "A name for this request in the server's logs: 1 to 64 letters, digits, `-` and `_` (anything else is replaced by a generated id). Returned in the response header.",
            "schema": {
              "type": "string",
              "maxLength": 64,
              "pattern": "^[A-Za-z0-9_-]{1,64}$"
            }
          },
          "IdempotencyKey": {
            "name": "Idempotency-Key",
            "in": "header",
            "required": false,
            "description": "Makes a retry safe: a second request with the same key does not apply twice.",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 200
            }
          },
          "Range": {
            "name": "Range",
            "in": "header",
            "required": false,
            "description": "One byte range: `bytes=a-b`, `bytes=a-` or `bytes=-n` (only the first of several is used). Answered with 206 and that range, or 416 when it is malformed or outside the file.",
            "schema": {
              "type": "string",
              "examples": [
                "bytes=0-1048575"
              ]
            }
          },
          "Access": {
            "name": "access",
            "in": "query",
            "required": false,
            "description": "Signed link: `<expiry>.<user id>.<signature>`, part of the URLs the API returns (valid one hour, for exactly this path). Lets `<video>`, `<img>` and `EventSource` fetch without an `Authorization` header. Not needed with a bearer token.",
            "schema": {
              "type": "string"
            }
          },
          "Limit": {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "Page size, 1 to 100.",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 100,
              "default": 20
            }
          },
          "Cursor": {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "Opaque: the `nextCursor` of the previous page.",
            "schema": {
              "type": "string"
            }
          },
          "VideoId": {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "Video id.",
            "schema": {
              "type": "string"
            }
          },
          "SceneId": {
            "name": "sid",
            "in": "path",
            "required": true,
            "description": "Scene id (`id` of a scene in `GET /api/v1/videos/{id}/scenes`).",
            "schema": {
              "type": "string"
            }
          },
          "VersionId": {
            "name": "vid",
            "in": "path",
            "required": true,
            "description": "Version id (not its number).",
            "schema": {
              "type": "string"
            }
          },
          "AssetKey": {
            "name": "key",
            "in": "path",
            "required": true,
            "description": "Asset key, as in a scene's assets.",
            "schema": {
              "$ref": "#/components/schemas/AssetRef"
            }
          },
          "UserId": {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "Id of the user whose balance changes.",
            "schema": {
              "type": "string"
            }
          }
        },
        "headers": {
          "XRequestId": {
            "description": "The request's id (the caller's `X-Request-Id` if acceptable, else generated).",
            "schema": {
              "type": "string"
            }
          },
          "IdempotentReplayed": {
            "description": "`true` when the answer is the video made by an earlier request with the same `Idempotency-Key` (nothing new was created or charged).",
            "schema": {
              "type": "string",
              "enum": [
                "true"
              ]
            }
          },
          "RetryAfter": {
            "description": "Seconds to wait before trying again.",
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          },
          "WWWAuthenticate": {
            "description": "`Bearer`, or `Bearer error=\"invalid_token\"` for a bad or expired token.",
            "schema": {
              "type": "string"
            }
          },
          "AcceptRanges": {
            "description": "Always `bytes`.",
            "schema": {
              "type": "string",
              "const": "bytes"
            }
          },
          "CacheControl": {
            "description": "`private, max-age=3600`.",
            "schema": {
              "type": "string"
            }
          },
          "ETag": {
            "description": "`\"<size>-<modified seconds>\"`.",
            "schema": {
              "type": "string"
            }
          },
          "ContentLength": {
            "description": "Bytes in this answer.",
            "schema": {
              "type": "integer",
              "minimum": 0
            }
          },
          "ContentRange": {
            "description": "`bytes a-b/size`.",
            "schema": {
              "type": "string"
            }
          },
          "ContentRangeUnsatisfied": {
            "description": "`bytes */size`.",
            "schema": {
              "type": "string"
            }
          },
          "ContentDisposition": {
            "description": "`attachment; filename=\"<title>.mp4\"`, only with the `download` query parameter.",
            "schema": {
              "type": "string"
            }
          }
        },
        "securitySchemes": {
          "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "An access token from register, login or refresh (HS256 JWT, valid 15 minutes)."
          }
        }
      }
    }
    """#
}
