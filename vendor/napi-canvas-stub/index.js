'use strict';
// pdfjs-dist loads @napi-rs/canvas at start-up to polyfill what rendering needs; reading the text layer
// needs none of it. These stand-ins keep pdfjs quiet and save loading a 30 MB native module.
class DOMMatrix {}
class ImageData {}
class Path2D {}
function createCanvas() {
  throw new Error('rendering is not supported');
}
module.exports = { DOMMatrix, ImageData, Path2D, createCanvas };
