#!/usr/bin/env python3
"""Writes a wrk Lua script that POSTs signed WhatsApp webhooks: one inbound message with an identity
hash each, every body distinct (new message id, new customer), signed like Meta signs them."""
import hashlib, hmac, json, sys

count, secret, out = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
lines = ["bodies = {}", "sigs = {}"]
for i in range(count):
    wa_id = str(4915100000000 + i)
    body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{
        "field": "messages", "value": {"messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Load"}, "wa_id": wa_id, "identity_key_hash": "SGFzaA%06d==" % i}],
        "messages": [{"from": wa_id, "id": "wamid.load%08d" % i, "timestamp": "1749416383", "type": "text",
                      "text": {"body": "hello"}}]}}]}]}, separators=(",", ":"))
    sig = "sha256=" + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
    lines.append("bodies[%d] = [[%s]]" % (i + 1, body))
    lines.append("sigs[%d] = \"%s\"" % (i + 1, sig))
lines.append("""
local counter = 0
local thread_offset = 0
function setup(thread)
  thread:set("thread_offset", counter)
  counter = counter + 1
end
local n = 0
function request()
  n = n + 1
  local i = ((thread_offset * 1000003 + n) %% %d) + 1
  return wrk.format("POST", "/webhooks/whatsapp", {["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = sigs[i]}, bodies[i])
end
""" % count)
open(out, "w").write("\n".join(lines))
