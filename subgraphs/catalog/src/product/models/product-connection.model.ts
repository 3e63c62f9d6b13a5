import { ConnectionType } from '@agora/subgraph';
import { Product } from './product.model';

export const ProductConnection = ConnectionType(Product, 'Product');
