/** The demo shop: an admin, a dozen products with stock, a few customers, their orders and reviews. */
export const DEMO_ADMIN = { email: 'admin@agora.local', password: 'agora-admin', name: 'Agora Admin' };

export const DEMO_CUSTOMERS = [
  { email: 'ada@example.com', password: 'agora-customer', name: 'Ada Lovelace' },
  { email: 'grace@example.com', password: 'agora-customer', name: 'Grace Hopper' },
  { email: 'alan@example.com', password: 'agora-customer', name: 'Alan Turing' },
] as const;

export const DEMO_PRODUCTS = [
  { name: 'Mechanical keyboard', description: 'Tactile switches, aluminium case, USB-C.', priceCents: 12900, stock: 25 },
  { name: 'Ergonomic mouse', description: 'Vertical grip that spares your wrist.', priceCents: 5900, stock: 40 },
  { name: '27" 4K monitor', description: 'IPS panel, 60 Hz, USB-C with 65 W power delivery.', priceCents: 34900, stock: 10 },
  { name: 'Desk lamp', description: 'Warm LED light with a dimmer.', priceCents: 3900, stock: 60 },
  { name: 'Noise-cancelling headphones', description: 'Thirty hours of quiet.', priceCents: 24900, stock: 15 },
  { name: 'Standing desk', description: 'Electric, two motors, memory presets.', priceCents: 49900, stock: 5 },
  { name: 'Laptop stand', description: 'Folding aluminium stand, six heights.', priceCents: 3400, stock: 80 },
  { name: 'USB-C dock', description: 'Two displays, Ethernet, SD card, 100 W charging.', priceCents: 17900, stock: 20 },
  { name: 'Webcam', description: '1080p with a privacy shutter.', priceCents: 6900, stock: 30 },
  { name: 'Notebook, dotted', description: 'A5, 160 pages, lies flat.', priceCents: 1900, stock: 200 },
  { name: 'Fountain pen', description: 'Steel nib, converter included.', priceCents: 4500, stock: 3 },
  { name: 'Coffee mug', description: 'Stoneware, 350 ml, keeps its handle cool.', priceCents: 1500, stock: 100 },
] as const;

/** Orders by customer index: product indexes and quantities. */
export const DEMO_ORDERS = [
  {
    customer: 0,
    items: [
      { product: 0, quantity: 1 },
      { product: 1, quantity: 1 },
    ],
  },
  { customer: 1, items: [{ product: 4, quantity: 1 }] },
  {
    customer: 2,
    items: [
      { product: 3, quantity: 2 },
      { product: 11, quantity: 4 },
    ],
  },
  { customer: 0, items: [{ product: 10, quantity: 1 }] },
] as const;

export const DEMO_REVIEWS = [
  { customer: 0, product: 0, rating: 5, body: 'The best keyboard I have typed on.' },
  { customer: 1, product: 4, rating: 4, body: 'Quiet as promised; a little tight at first.' },
  { customer: 2, product: 3, rating: 5, body: 'Lovely warm light.' },
  { customer: 1, product: 0, rating: 3, body: 'Great feel, but loud for an open office.' },
] as const;
