// Passkey sign-in and registration for the portal (progressive enhancement: without JavaScript the TOTP forms work).
(function () {
  'use strict';
  var b64 = {
    toBuffer: function (s) {
      var pad = '='.repeat((4 - (s.length % 4)) % 4);
      var bin = atob((s + pad).replace(/-/g, '+').replace(/_/g, '/'));
      var out = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
      return out.buffer;
    },
    fromBuffer: function (buf) {
      var bytes = new Uint8Array(buf);
      var bin = '';
      for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
      return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    },
  };

  function post(box, url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': box.dataset.csrf },
      body: JSON.stringify(body || {}),
    }).then(function (res) {
      // A lapsed re-authentication answers with a redirect to the confirmation page: follow it.
      if (res.redirected) {
        window.location.href = res.url;
        return new Promise(function () {});
      }
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }

  function credentialJson(cred) {
    var r = cred.response;
    var json = { id: cred.id, rawId: b64.fromBuffer(cred.rawId), type: cred.type, clientExtensionResults: cred.getClientExtensionResults(), response: {} };
    json.response.clientDataJSON = b64.fromBuffer(r.clientDataJSON);
    if (r.attestationObject) {
      json.response.attestationObject = b64.fromBuffer(r.attestationObject);
      json.response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      json.response.authenticatorData = b64.fromBuffer(r.authenticatorData);
      json.response.signature = b64.fromBuffer(r.signature);
      if (r.userHandle) json.response.userHandle = b64.fromBuffer(r.userHandle);
    }
    if (cred.authenticatorAttachment) json.authenticatorAttachment = cred.authenticatorAttachment;
    return json;
  }

  function setup(box, button, run) {
    var status = box.querySelector('.passkey-status');
    if (!window.PublicKeyCredential || !navigator.credentials) {
      box.hidden = false;
      button.disabled = true;
      status.textContent = box.dataset.msgUnsupported;
      return;
    }
    box.hidden = false;
    button.addEventListener('click', function () {
      button.disabled = true;
      status.textContent = box.dataset.msgWorking;
      run()
        .then(function (result) {
          window.location.href = result.redirect;
        })
        .catch(function () {
          status.textContent = box.dataset.msgFailed;
          button.disabled = false;
        });
    });
  }

  var signin = document.getElementById('passkey-signin');
  if (signin) {
    setup(signin, document.getElementById('passkey-signin-button'), function () {
      return post(signin, signin.dataset.options).then(function (opts) {
        var publicKey = Object.assign({}, opts, {
          challenge: b64.toBuffer(opts.challenge),
          allowCredentials: (opts.allowCredentials || []).map(function (c) {
            return Object.assign({}, c, { id: b64.toBuffer(c.id) });
          }),
        });
        return navigator.credentials.get({ publicKey: publicKey }).then(function (cred) {
          return post(signin, signin.dataset.verify, { response: credentialJson(cred) });
        });
      });
    });
  }

  var register = document.getElementById('passkey-register');
  if (register) {
    setup(register, document.getElementById('passkey-register-button'), function () {
      return post(register, register.dataset.options).then(function (opts) {
        var publicKey = Object.assign({}, opts, {
          challenge: b64.toBuffer(opts.challenge),
          user: Object.assign({}, opts.user, { id: b64.toBuffer(opts.user.id) }),
          excludeCredentials: (opts.excludeCredentials || []).map(function (c) {
            return Object.assign({}, c, { id: b64.toBuffer(c.id) });
          }),
        });
        return navigator.credentials.create({ publicKey: publicKey }).then(function (cred) {
          var name = document.getElementById('passkey-name').value;
          return post(register, register.dataset.verify, { name: name, response: credentialJson(cred) });
        });
      });
    });
  }
})();
