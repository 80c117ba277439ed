-- POST /api/v1/videos with a bearer token; each request creates and charges a 5-second video.
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("PIXORA_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"prompt":"a 5-second video about bees","settings":{"durationSeconds":5,"quality":"480p"}}'
