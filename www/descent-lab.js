// The <descent-lab> custom element, for course notes: one
// <script type="module" src="…/descent-lab.js"></script> on any page, then
// <descent-lab lesson="2d" gamma2="0.05"></descent-lab>. See docs.html.
import './js/embed/element.js';
