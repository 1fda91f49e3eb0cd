/**
 * `GET /sdk/pixel.js`, the retailer pixel (docs/integrations/postbacks.md). It has no dependencies
 * and does two things on the retailer's own site:
 *
 * 1. On every page: when the URL carries the click id (`?sauda_click=…`, or the parameter named by
 *    `data-param`), keeps it in a first-party cookie for 30 days (`data-days`), so it survives the
 *    way from the landing page to the checkout.
 * 2. On the order confirmation page: `sauda('conversion', { orderId, amount, currency })` reports the
 *    order with the publishable key from `data-key`, as a CORS-simple request (text/plain, no
 *    credentials) so browsers send it without a preflight; `keepalive` lets it finish if the page
 *    unloads. Calls made before the script loaded are queued in `window.sauda.q`.
 *
 * The server checks the key and the page's `Origin` against the retailer's allow-list; a pixel's
 * conversion is always `pending` until the retailer's server, the network or staff confirm it.
 */
export const PIXEL_SCRIPT = `/*! Sauda pixel */
(function (w, d) {
  'use strict';
  var s = d.currentScript;
  var key = s && s.getAttribute('data-key');
  var param = (s && s.getAttribute('data-param')) || 'sauda_click';
  var days = Number((s && s.getAttribute('data-days')) || 30);
  var api = s ? s.src.replace(/\\/sdk\\/pixel\\.js(?:[?#].*)?$/, '') : '';
  var name = 'sauda_click';
  var found = new RegExp('[?&]' + param.replace(/[^A-Za-z0-9_-]/g, '') + '=([A-Za-z0-9_-]{1,128})').exec(w.location.search);
  if (found) {
    d.cookie = name + '=' + found[1] + '; path=/; max-age=' + Math.round(days * 86400) + '; samesite=lax' +
      (w.location.protocol === 'https:' ? '; secure' : '');
  }
  function clickId() {
    var match = new RegExp('(?:^|;\\\\s*)' + name + '=([A-Za-z0-9_-]+)').exec(d.cookie);
    return match ? match[1] : undefined;
  }
  function conversion(order) {
    if (!key || !order || order.orderId === undefined) return Promise.resolve(false);
    var body = {
      key: key,
      click_id: clickId(),
      order_id: String(order.orderId),
      order_amount: order.amount === undefined ? undefined : String(order.amount),
      currency: order.currency
    };
    return w.fetch(api + '/v1/pixel/conversions', {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      keepalive: true,
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(body)
    }).then(function (response) { return response.ok; }, function () { return false; });
  }
  function sauda(command, data) {
    return command === 'conversion' ? conversion(data) : Promise.resolve(false);
  }
  var queued = (w.sauda && w.sauda.q) || [];
  w.sauda = sauda;
  sauda.clickId = clickId;
  for (var i = 0; i < queued.length; i++) sauda.apply(null, queued[i]);
})(window, document);
`;
